"""moto's server, running one request at a time.

DynamoDB isolates transactions (they are serializable) and makes each conditional write atomic. moto's own server
(moto_server) runs requests on concurrent threads without any of that: of two transactions that conditionally claim
one item both can commit, a cancelled transaction rolls back by restoring a copy of the whole table taken before it
began (dropping what others wrote meanwhile), and a reader can see a transaction half applied. A lock around every
request makes each one atomic, which is what DynamoDB promises for transactions and single-item writes. It is
stricter than DynamoDB for the requests DynamoDB does not isolate as a whole (BatchWriteItem, BatchGetItem, Query,
Scan), and concurrent transactions on the same items never fail with TransactionConflict as on AWS.

One lock for all requests rather than a read-write lock that lets reads run together: moto is bound by Python's
global interpreter lock, so its requests never ran in parallel anyway (GetItem and PutItem from 8 client threads
measured as fast with this lock as without it), and the socket I/O and HTTP parsing around them stay outside it.

Run by devkit's MotoServer as `python moto_serialized.py -H host -p port`, with the Python that has moto.
"""
import argparse
import io
import os
import signal
import sys
import threading

try:
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
    from werkzeug.serving import run_simple
except ImportError as e:
    sys.exit(f"{sys.executable} cannot import moto's server ({e}). Install it for that Python: "
             f"{sys.executable} -m pip install 'moto[server]'")


READS = {"GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems", "DescribeTable", "ListTables",
         "DescribeTimeToLive"}
# Bumped by every request that may write: what query_an_index_by_its_partition_key's groups were built from.
generation = [0]


class Serialized:
    """WSGI middleware that lets one request at a time into the app."""

    def __init__(self, app):
        self.app = app
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        # The body is read before taking the lock: a client that stops halfway through sending one (an interrupted
        # thread, a dropped connection) must only hold up its own request, not every request after it.
        length = int(environ.get("CONTENT_LENGTH") or 0)
        environ["wsgi.input"] = io.BytesIO(environ["wsgi.input"].read(length) if length > 0 else b"")
        action = environ.get("HTTP_X_AMZ_TARGET", "").rpartition(".")[2]
        with self.lock:
            if action not in READS:
                generation[0] += 1
            response = self.app(environ, start_response)
            try:
                # Read under the lock: a lazily computed body could otherwise see a later request's writes.
                return list(response)
            finally:
                if hasattr(response, "close"):
                    response.close()


def back_up_only_the_items_written():
    """moto's TransactWriteItems backs up each table it writes before applying, to roll back on failure: a deep copy of
    the whole table, once per action (copy.deepcopy inside its loop over the actions). A 100-action transaction on a
    table of 3,000 items copied 300,000 items, which made big requests take minutes and gigabytes; even one copy per
    table per transaction made a 1000-membership write (some 25 transactions) take over ten seconds. The rollback only
    needs the items the transaction writes, so those are what is backed up here: before the transaction, each of them
    as it is (or its absence), put back if the transaction fails. moto computes its indexes from the items when it
    queries them, so restoring the items restores everything. Requests run one at a time here, so swapping the module's
    copy for the call's duration is safe.

    A table's change stream (moto keeps its records in the table's shard) takes back what a failed transaction wrote:
    moto applies a transaction's actions one by one and records each in the stream, and the rollback's puts would be
    recorded too; DynamoDB records nothing of a cancelled transaction, so neither does this."""
    import copy
    from moto.dynamodb import models

    class NoCopy:
        """moto's whole-table backup made a no-op: its rollback then puts back the very table, unchanged."""

        @staticmethod
        def deepcopy(original, memo=None):
            return original

    transact_write_items = models.DynamoDBBackend.transact_write_items

    def item_key(backend, op_type, op):
        table = backend.tables.get(op.get("TableName"))
        if table is None:
            return None
        if op_type != "Put":
            return op.get("Key")
        attrs = op.get("Item", {})
        names = [table.hash_key_attr] + ([table.range_key_attr] if table.range_key_attr else [])
        return {name: attrs[name] for name in names if name in attrs}

    def backing_up_written_items(backend, transact_items):
        backups = []
        for action in transact_items:
            op_type, op = next(iter(action.items()))
            key = item_key(backend, op_type, op) if op_type in ("Put", "Delete", "Update") else None
            if key:
                try:
                    current = backend.get_item(op["TableName"], key)
                except Exception:  # an invalid key: moto's own validation refuses the transaction before it writes
                    continue
                backups.append((op["TableName"], key, copy.deepcopy(current.to_json()["Attributes"]) if current else None))
        written = {next(iter(action.values())).get("TableName") for action in transact_items}
        streams = {
            name: len(backend.tables[name].stream_shard.items)
            for name in written
            if name in backend.tables and backend.tables[name].stream_shard is not None
        }
        models.copy = NoCopy
        try:
            return transact_write_items(backend, transact_items)
        except Exception:
            for table_name, key, attributes in reversed(backups):
                if attributes is None:
                    if backend.get_item(table_name, key) is not None:
                        backend.delete_item(table_name, key)
                else:
                    backend.put_item(table_name, attributes)
            for table_name, length in streams.items():
                table = backend.tables.get(table_name)
                if table is not None and table.stream_shard is not None:
                    del table.stream_shard.items[length:]
            raise
        finally:
            models.copy = copy

    models.DynamoDBBackend.transact_write_items = backing_up_written_items


def serialize_item_reads_directly():
    """moto 5.2 turns every response into JSON with a serializer driven by botocore's service model, which walks each
    attribute of each item through the model's shapes: 0.37 s for a BatchGetItem of 100 items of 23 attributes, which
    made a 1000-membership update take over five seconds, nearly all of it in reads. DynamoDB's wire format for the
    actions that return items is plain JSON of what moto already holds as dicts, binary values in base64: those are
    dumped directly here (the same bytes on the wire; errors still go through moto's serializer)."""
    import base64
    import json
    from moto.dynamodb import responses

    item_reads = {"GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems"}
    serialized = responses.DynamoHandler.serialized

    def base64_of_bytes(value):
        if isinstance(value, (bytes, bytearray)):
            return base64.b64encode(value).decode("ascii")
        raise TypeError(f"not serializable here: {type(value)}")

    def serialized_directly(handler, action_result):
        if handler._get_action() not in item_reads or isinstance(action_result.result, Exception):
            return serialized(handler, action_result)
        try:
            body = json.dumps(action_result.result, default=base64_of_bytes, separators=(",", ":"))
        except TypeError:
            return serialized(handler, action_result)
        headers = {"Content-Type": "application/x-amz-json-1.0"}
        headers.update(handler.response_headers)
        return 200, headers, body

    responses.DynamoHandler.serialized = serialized_directly


def query_an_index_by_its_partition_key():
    """moto answers a Query of an index by sorting every item of the table and testing each against the key condition:
    about 15 µs per item of the table for every Query. A getAll page of a write-sharded chain is 32 Queries and more,
    so on a table of 20,000 items a page took tens of seconds. Here the items are grouped by the index's partition key
    value once, and a Query of that index tests only its partition's group, in the same (sorted) order; the groups are
    built again after any request that may have written (requests run one at a time). moto's own code still decides
    everything else (conditions, sort, limit, start key, projection): the answer is the same."""
    from moto.dynamodb.models.table import Table

    query = Table.query
    groups = {}  # (table, index, partition key attribute) -> (generation, {value: [items, sorted as all_items()]})

    def partition(table, index_name, attribute, value):
        key = (id(table), index_name, attribute)
        built = groups.get(key)
        if built is None or built[0] != generation[0]:
            by_value = {}
            for item in Table.all_items(table):
                found = item.attrs.get(attribute)
                if found is not None:
                    by_value.setdefault(found, []).append(item)
            built = (generation[0], by_value)
            groups[key] = built
        return built[1].get(value, [])

    def querying_one_partition(table, *args, **kwargs):
        index_name = args[7] if len(args) > 7 else kwargs.get("index_name")
        conditions = kwargs.get("hash_key_conditions") or []
        if not index_name or len(conditions) != 1:
            return query(table, *args, **kwargs)
        attribute, value = conditions[0]
        items = partition(table, index_name, attribute, value)
        table.all_items = lambda: list(items)
        try:
            return query(table, *args, **kwargs)
        finally:
            del table.all_items

    Table.query = querying_one_partition


def main():
    parser = argparse.ArgumentParser(description="moto's server, one request at a time")
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default=5000)
    args = parser.parse_args()
    # The rest as moto_server does it: moto builds some URLs from MOTO_PORT, and a stop signal ends it quietly.
    os.environ.setdefault("MOTO_PORT", str(args.port))
    for stop in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop, lambda signum, frame: sys.exit(0))
    back_up_only_the_items_written()
    serialize_item_reads_directly()
    query_an_index_by_its_partition_key()
    run_simple(args.host, args.port, Serialized(DomainDispatcherApplication(create_backend_app)), threaded=True)


if __name__ == "__main__":
    main()
