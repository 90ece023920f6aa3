"""Fails when Surefire skipped a test for any reason but a missing Docker engine, or ran no test at all."""
import glob
import sys
import xml.etree.ElementTree as ET

reports = glob.glob("**/target/surefire-reports/TEST-*.xml", recursive=True)
total = skipped_for_docker = 0
problems = []
for report in reports:
    for case in ET.parse(report).getroot().iter("testcase"):
        total += 1
        skipped = case.find("skipped")
        if skipped is None:
            continue
        reason = (skipped.get("message") or "") + (skipped.text or "")
        name = f"{case.get('classname')}.{case.get('name')}"
        if "Docker" in reason:
            skipped_for_docker += 1
        else:
            problems.append(f"skipped without a Docker reason: {name} ({reason.strip() or 'no reason'})")

if total == 0:
    problems.append("no Surefire report found: did the tests run?")
print(f"{total} tests in {len(reports)} reports; {skipped_for_docker} skipped because no Docker engine answers.")
for problem in problems:
    print(problem, file=sys.stderr)
sys.exit(1 if problems else 0)
