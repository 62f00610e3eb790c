#!/usr/bin/env bash
# The project's topics with their partition counts (as local-stack's KafkaBroker.DEFAULT_TOPICS). An
# existing topic is left as it is: partitions can only grow, and that is a decision (docs/DEPLOY.md).
set -euo pipefail

topics="case-events:6 case-alerts:3 case-events-dlq:1"
bin=/opt/kafka/bin

for spec in $topics; do
  name="${spec%%:*}"
  partitions="${spec##*:}"
  "$bin/kafka-topics.sh" --bootstrap-server "$KAFKA_BOOTSTRAP" --create --if-not-exists \
    --topic "$name" --partitions "$partitions" --replication-factor "${REPLICATION_FACTOR:-1}"
done
"$bin/kafka-topics.sh" --bootstrap-server "$KAFKA_BOOTSTRAP" --describe --topic case-events,case-alerts,case-events-dlq \
  | grep -E '^Topic:' || true
