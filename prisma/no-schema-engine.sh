#!/bin/sh
# Stand-in for Prisma's native schema engine, which cannot be downloaded here (see prisma.config.ts).
echo "not available here: migrations run through scripts/db-migrate.ts and src/db" >&2
exit 1
