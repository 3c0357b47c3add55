#!/usr/bin/env python3
# Checks chipgate's JSON output against the published schemas (schemas/ in the repository) with
# python3-jsonschema, which scripts/setup installs. Two uses:
#
#   check_output.py SCHEMA_DIR KIND FILE [--lines]
#       FILE holds one JSON document (or, with --lines, JSON Lines: one document per line that
#       starts with `{`; other lines are a command's messages for people and are skipped, but at
#       least one document must be there). Each document must be an object whose "schema" is
#       "chipgate.KIND/v1", a name with a schema file SCHEMA_DIR/chipgate.KIND.v1.schema.json,
#       and must validate against that file.
#   check_output.py SCHEMA_DIR --schemas
#       Checks the schema files themselves: each is a valid draft 2020-12 schema titled after its
#       file name, every object in it decides `additionalProperties` explicitly, and a closed
#       object (additionalProperties false) requires every property it lists, since every
#       member of a document is always present (null when it has no value: docs/cli.md,
#       "Machine-readable output"). Prints the kinds found, one per line.
#
# Prints every problem and exits 1 when there is any, 0 when there is none; 2 on a bad call.
import json
import os
import re
import sys

import jsonschema

NAME = re.compile(r"^chipgate\.([a-z][a-z-]*)/v([0-9]+)$")
FILE = re.compile(r"^chipgate\.([a-z][a-z-]*)\.v([0-9]+)\.schema\.json$")


def schema_path(schema_dir, kind, version="1"):
    return os.path.join(schema_dir, f"chipgate.{kind}.v{version}.schema.json")


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def object_nodes(node, where="#"):
    """Every sub-schema that describes an object, with its JSON pointer."""
    if isinstance(node, dict):
        if node.get("type") == "object" or (isinstance(node.get("type"), list) and "object" in node["type"]):
            yield where, node
        for key, value in node.items():
            yield from object_nodes(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from object_nodes(value, f"{where}/{i}")


def check_schemas(schema_dir):
    problems, kinds = [], []
    for name in sorted(os.listdir(schema_dir)):
        m = FILE.match(name)
        if not m:
            problems.append(f"{name}: not named chipgate.KIND.vN.schema.json")
            continue
        kinds.append(m.group(1))
        schema = load(os.path.join(schema_dir, name))
        try:
            jsonschema.Draft202012Validator.check_schema(schema)
        except jsonschema.SchemaError as e:
            problems.append(f"{name}: not a valid schema: {e.message}")
        if schema.get("$schema") != "https://json-schema.org/draft/2020-12/schema":
            problems.append(f"{name}: $schema is not draft 2020-12")
        title = f"chipgate.{m.group(1)}/v{m.group(2)}"
        if schema.get("title") != title:
            problems.append(f"{name}: title is not {title}")
        if schema.get("properties", {}).get("schema") != {"const": title}:
            problems.append(f"{name}: the `schema` member is not the constant {title}")
        for where, node in object_nodes(schema):
            if "additionalProperties" not in node:
                problems.append(f"{name}: {where}: additionalProperties is not decided")
            elif node["additionalProperties"] is False:
                missing = set(node.get("properties", {})) - set(node.get("required", []))
                if missing:
                    problems.append(f"{name}: {where}: closed, but does not require {sorted(missing)}")
    for p in problems:
        print(p)
    if not problems:
        for k in kinds:
            print(k)
    return 1 if problems else 0


def check_documents(schema_dir, kind, path, lines):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    docs = []
    if lines:
        for n, line in enumerate(text.splitlines(), 1):
            if line.startswith("{"):
                docs.append((f"{path}:{n}", json.loads(line)))
    else:
        docs.append((path, json.loads(text)))
    if not docs:
        print(f"{path}: no JSON document")
        return 1
    problems = []
    for where, doc in docs:
        name = doc.get("schema") if isinstance(doc, dict) else None
        m = NAME.match(name) if isinstance(name, str) else None
        if not m:
            problems.append(f"{where}: no `schema` member naming chipgate.KIND/vN (found {name!r})")
            continue
        file = schema_path(schema_dir, m.group(1), m.group(2))
        if not os.path.exists(file):
            problems.append(f"{where}: `schema` is {name}, but there is no {os.path.basename(file)}")
            continue
        if m.group(1) != kind:
            problems.append(f"{where}: `schema` is {name}, expected chipgate.{kind}/v1")
        validator = jsonschema.Draft202012Validator(load(file))
        for e in sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path)):
            pointer = "/".join(str(p) for p in e.absolute_path)
            problems.append(f"{where}: /{pointer}: {e.message}")
    for p in problems:
        print(p)
    return 1 if problems else 0


def main(argv):
    if len(argv) == 3 and argv[2] == "--schemas":
        return check_schemas(argv[1])
    if len(argv) in (4, 5) and (len(argv) == 4 or argv[4] == "--lines"):
        return check_documents(argv[1], argv[2], argv[3], len(argv) == 5)
    print(__doc__ if __doc__ else "usage: see the comment at the top", file=sys.stderr)
    return 2


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except (OSError, ValueError) as e:
        print(f"check_output: {e}")
        sys.exit(2)
