#!/usr/bin/env python3
"""Follows Darwin's metrics topic and prints one line per variant.

    python3 training_results.py [--bootstrap HOST:PORT] [--group ID] [--from-beginning] [-X key=value ...]

Each record of darwin.training.results.v1 is a CloudEvent in binary mode: the value is the event's JSON, the
attributes are ce_* headers (events/README.md). A line per variant, tab-separated:

    COMPLETED  <runId>  <generation>  <variantId>  val_bpb=<..>  tokens/s=<..>  mfu=<..>  [flags=<gate,...>]
    FAILED     <runId>  <generation>  <variantId>  <failureClass>  <message>

Delivery is at least once, and a variant has one result: records are deduplicated by variantId. Types this
script does not know are skipped (a tolerant reader). A secured broker takes librdkafka settings with -X, e.g.
-X security.protocol=SASL_SSL -X sasl.mechanism=SCRAM-SHA-512 -X sasl.username=... -X sasl.password=...
Needs confluent-kafka (Debian: apt-get install python3-confluent-kafka).
"""
import argparse
import json
import sys
import time

from confluent_kafka import Consumer, KafkaException

TOPIC = "darwin.training.results.v1"
KNOWN_TYPES = {"ai.darwin.TrainingCompleted.v1", "ai.darwin.TrainingFailed.v1"}


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Print one line per trained variant from " + TOPIC)
    parser.add_argument("--bootstrap", default="127.0.0.1:9092",
                        help="broker address (./darwin: 127.0.0.1:9092, docker compose: localhost:19092)")
    parser.add_argument("--group", default="darwin-results-example",
                        help="your own consumer group: never one of Darwin's services'")
    parser.add_argument("--from-beginning", action="store_true", help="read the topic from its first record")
    parser.add_argument("--max-results", type=int, default=0, help="stop after this many lines (0: never)")
    parser.add_argument("--idle-timeout", type=float, default=0,
                        help="stop after this many seconds without a new line (0: never)")
    parser.add_argument("-X", dest="settings", action="append", default=[], metavar="KEY=VALUE",
                        help="a librdkafka setting, e.g. security.protocol=SASL_SSL")
    return parser.parse_args(argv)


def consumer_config(args):
    config = {
        "bootstrap.servers": args.bootstrap,
        "group.id": args.group,
        "auto.offset.reset": "earliest" if args.from_beginning else "latest",
    }
    for setting in args.settings:
        key, sep, value = setting.partition("=")
        if not sep:
            raise SystemExit("-X wants KEY=VALUE, got " + setting)
        config[key] = value
    return config


def header(message, name):
    for key, value in message.headers() or []:
        if key == name and value is not None:
            return value.decode("utf-8")
    return None


def line_of(event):
    """The line for one TrainingCompleted or TrainingFailed payload."""
    where = [event["runId"], str(event["generation"]), event["variantId"]]
    if event["type"] == "TrainingCompleted":
        metrics = event["metrics"]
        fields = ["COMPLETED", *where, "val_bpb=%s" % metrics["valBitsPerByte"],
                  "tokens/s=%s" % metrics["tokensPerSecond"], "mfu=%s" % metrics["mfu"]]
        flags = [flag["gate"] for flag in event.get("integrityFlags", [])]
        if flags:
            # a sanity gate tripped: these metrics are not to be believed (events/README.md)
            fields.append("flags=" + ",".join(flags))
        return "\t".join(fields)
    return "\t".join(["FAILED", *where, event["failureClass"], event["message"].replace("\n", " ")])


def main(argv):
    args = parse_args(argv)
    consumer = Consumer(consumer_config(args))
    consumer.subscribe([TOPIC])
    seen = set()
    last_line = time.monotonic()
    try:
        while True:
            message = consumer.poll(0.5)
            if message is None:
                if args.idle_timeout and time.monotonic() - last_line > args.idle_timeout:
                    return 0
                continue
            if message.error():
                raise KafkaException(message.error())
            if header(message, "ce_type") not in KNOWN_TYPES:
                continue
            event = json.loads(message.value().decode("utf-8"))
            if event["variantId"] in seen:
                continue
            seen.add(event["variantId"])
            print(line_of(event), flush=True)
            last_line = time.monotonic()
            if args.max_results and len(seen) >= args.max_results:
                return 0
    except KeyboardInterrupt:
        return 0
    finally:
        consumer.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
