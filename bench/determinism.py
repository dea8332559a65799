#!/usr/bin/env python3
"""Asks a running server's bot the same questions again and again, one at a time and eight at once, and counts the
questions whose ranked passages (URL and heading, in order) ever differ from the first pass.

usage: bench/determinism.py BASE_URL BOT_ID ADMIN_KEY [PASSES] < questions.txt   (one question a line)
"""
import concurrent.futures
import sys

import requests

base, bot, key = sys.argv[1:4]
passes = int(sys.argv[4]) if len(sys.argv) > 4 else 3
questions = [line.strip() for line in sys.stdin if line.strip()]


def ask(question):
    reply = requests.post(f"{base}/v1/bots/{bot}/search", json={"query": question, "limit": 5},
                          headers={"Authorization": f"Bearer {key}"}, timeout=120)
    reply.raise_for_status()
    return tuple((p["source_url"], p["heading"]) for p in reply.json()["passages"])


first = [ask(q) for q in questions]
runs = [[ask(q) for q in questions] for _ in range(passes - 1)]
with concurrent.futures.ThreadPoolExecutor(8) as pool:
    together = list(pool.map(ask, questions * 4))
differing = {i for run in runs for i, ranked in enumerate(run) if ranked != first[i]}
differing |= {i % len(questions) for i, ranked in enumerate(together) if ranked != first[i % len(questions)]}
print(f"{len(differing)}/{len(questions)} questions got a different top five in {passes} passes and 4 concurrent ones")
for i in sorted(differing):
    print("  " + questions[i])
