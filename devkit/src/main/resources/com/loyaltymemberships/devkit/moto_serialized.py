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


class Serialized:
    """WSGI middleware that lets one request at a time into the app."""

    def __init__(self, app):
        self.app = app
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            response = self.app(environ, start_response)
            try:
                # Read under the lock: a lazily computed body could otherwise see a later request's writes.
                return list(response)
            finally:
                if hasattr(response, "close"):
                    response.close()


def copy_each_table_once():
    """moto's TransactWriteItems backs up each table it writes before applying, to roll back on failure, but it does so
    once per action (copy.deepcopy inside its loop over the actions): a 100-action transaction on a table of 3,000 items
    copies 300,000 items, which made big requests take minutes and gigabytes. One copy per table per transaction is the
    same backup. Requests run one at a time here, so swapping the module's copy for the call's duration is safe."""
    import copy
    from moto.dynamodb import models

    class OncePerObject:
        def __init__(self):
            self.copies = {}

        def deepcopy(self, original, memo=None):
            if id(original) not in self.copies:
                # The original is kept too, so that its id cannot be reused by another object meanwhile.
                self.copies[id(original)] = (original, copy.deepcopy(original))
            return self.copies[id(original)][1]

    transact_write_items = models.DynamoDBBackend.transact_write_items

    def copying_each_table_once(backend, transact_items):
        models.copy = OncePerObject()
        try:
            return transact_write_items(backend, transact_items)
        finally:
            models.copy = copy

    models.DynamoDBBackend.transact_write_items = copying_each_table_once


def main():
    parser = argparse.ArgumentParser(description="moto's server, one request at a time")
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default=5000)
    args = parser.parse_args()
    # The rest as moto_server does it: moto builds some URLs from MOTO_PORT, and a stop signal ends it quietly.
    os.environ.setdefault("MOTO_PORT", str(args.port))
    for stop in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop, lambda signum, frame: sys.exit(0))
    copy_each_table_once()
    run_simple(args.host, args.port, Serialized(DomainDispatcherApplication(create_backend_app)), threaded=True)


if __name__ == "__main__":
    main()
