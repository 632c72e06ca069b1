#!/bin/sh
set -e

# Bring the database up to date before the app starts.
mix ecto.migrate

exec "$@"
