/*
 * test_store.c -- the event store: round trip, idempotency, duplicate
 * merging, dyad aggregation, actor patterns and errors.
 */
#include "harness.h"
