#!/usr/bin/env python3
# Validates a JSON document against a JSON Schema with python3-jsonschema (installed by
# scripts/setup): `validate.py SCHEMA INSTANCE`. Prints every violation and exits 1 when there is
# any, 0 when the document is valid; exit 2 when a file cannot be read. The validator class is
# the one the schema's own "$schema" names (draft-04 for SARIF 2.1.0).
import json
import sys

import jsonschema


def main() -> int:
    try:
        with open(sys.argv[1], encoding="utf-8") as f:
            schema = json.load(f)
        with open(sys.argv[2], encoding="utf-8") as f:
            instance = json.load(f)
    except (OSError, ValueError, IndexError) as e:
        print(f"validate: {e}", file=sys.stderr)
        return 2
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    errors = sorted(cls(schema).iter_errors(instance), key=lambda e: list(e.absolute_path))
    for e in errors:
        print(f"{'/'.join(str(p) for p in e.absolute_path)}: {e.message}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
