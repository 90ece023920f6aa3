"""Turns template.yaml into plain CloudFormation with the SAM translator, as `sam deploy` would after
`sam package` has uploaded the jars (local CodeUri paths become s3:// URIs), and checks the result has
the API routes, SnapStart aliases and policies the template promises. Prints the resource summary.

  python3 .ci/sam-translate.py --operations getAll,add,update,delete [--template template.yaml] [--require-jars]

The operations are the service's list (Operations.ALL): SamTranslationTest passes them, so that the
routes expected here are never a second list to keep (docs/ADDING-AN-OPERATION.md)."""
import argparse
import json
import os
import sys

from cfnlint.decode import decode
from samtranslator.translator.transform import transform

arguments = argparse.ArgumentParser()
arguments.add_argument("--operations", required=True, help="comma-separated operation names, e.g. getAll,add")
arguments.add_argument("--template", default="template.yaml")
arguments.add_argument("--require-jars", action="store_true", help="fail if a function's jar is not built")
options = arguments.parse_args()
operations = [name for name in options.operations.split(",") if name]

os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
template, problems = decode(options.template)
if problems:
    sys.exit(f"template.yaml does not parse: {problems}")

for name, resource in template["Resources"].items():
    if resource["Type"] == "AWS::Serverless::Function":
        code = resource["Properties"]["CodeUri"]
        if not os.path.isfile(code) and options.require_jars:
            sys.exit(f"{name}: CodeUri {code} does not exist; run `mvn -B package` first")
        resource["Properties"]["CodeUri"] = f"s3://packaged-artifacts/{code}"


class NoManagedPolicies:
    def load(self):
        return {}


resources = transform(template, {}, NoManagedPolicies())["Resources"]
by_type = {}
for name, resource in resources.items():
    by_type.setdefault(resource["Type"], []).append(name)

# SAM puts an HTTP API's routes into the API's OpenAPI body.
routes = sorted(f"{method.upper()} {path}"
                for api in by_type.get("AWS::ApiGatewayV2::Api", [])
                for path, methods in resources[api]["Properties"]["Body"]["paths"].items()
                for method in methods)
expected_routes = sorted(f"POST /api/connector/v1/loyaltyMemberships/{op}" for op in operations)
failures = []
if routes != expected_routes:
    failures.append(f"routes {routes} != {expected_routes}")
# A function per operation behind the routes, the scheduled recovery of abandoned writes (whose schedule has a role
# too), and the change events' consumer, on the table's stream.
functions = len(operations) + 2
for kind, count in (("AWS::Lambda::Function", functions), ("AWS::Lambda::Version", functions),
                    ("AWS::Lambda::Alias", functions), ("AWS::IAM::Role", functions + 1)):
    if len(by_type.get(kind, [])) != count:
        failures.append(f"expected {count} {kind}, found {by_type.get(kind, [])}")
if len(by_type.get("AWS::Scheduler::Schedule", [])) != 1:
    failures.append(f"expected the recovery's schedule, found {by_type.get('AWS::Scheduler::Schedule', [])}")
mappings = [resources[name]["Properties"] for name in by_type.get("AWS::Lambda::EventSourceMapping", [])]
if len(mappings) != 1 or "StreamArn" not in json.dumps(mappings[0].get("EventSourceArn")) \
        or mappings[0].get("FunctionResponseTypes") != ["ReportBatchItemFailures"]:
    failures.append(f"expected the change events' consumer on the table's stream, with partial batch responses: {mappings}")
for name in by_type.get("AWS::Lambda::Function", []):
    properties = resources[name]["Properties"]
    if properties.get("SnapStart", {}).get("ApplyOn") != "PublishedVersions":
        failures.append(f"{name} has no SnapStart")
    if properties.get("Architectures") != ["arm64"] or properties.get("Runtime") != "java21":
        failures.append(f"{name} is not java21 on arm64")
    logging = properties.get("LoggingConfig", {})
    if logging.get("LogFormat") != "JSON" or "LogGroup" not in logging:
        failures.append(f"{name} does not log JSON to its own log group: {logging}")
for name in by_type.get("AWS::Logs::LogGroup", []):
    if "RetentionInDays" not in resources[name]["Properties"]:
        failures.append(f"{name} keeps logs forever")

print(json.dumps({kind: sorted(names) for kind, names in sorted(by_type.items())}, indent=1))
if failures:
    sys.exit("\n".join(failures))
print("SAM translation: OK")
