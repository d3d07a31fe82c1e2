"""Scores cases with the live tag-similarity scoring mechanisms of a kit of the live code (cgp-2.37).

Usage: python3 live_score.py KIT < cases.json > scores.json
cases: [{"mechanism": "ground_truth" | "survey" | "no_penalty", "gt_tags": [...], "gt_vectors": [[...]],
         "tags": [...], "vectors": [[...]]}]  (vectors are the validator's, one per tag)
prints [[adjusted, final], ...] as the live evaluate computes them.
"""
import asyncio
import io
import json
import sys
from types import SimpleNamespace

sys.path.insert(0, sys.argv[1] + "/lib")
import peerlib  # noqa: E402

peerlib.boot(io.StringIO())
from conversationgenome.api.models.conversation_metadata import ConversationMetadata  # noqa: E402
from conversationgenome.scoring_mechanism.GroundTruthTagSimilarityScoringMechanism import GroundTruthTagSimilarityScoringMechanism  # noqa: E402
from conversationgenome.scoring_mechanism.NoPenaltyGroundTruthTagSimilarityScoringMechanism import NoPenaltyGroundTruthTagSimilarityScoringMechanism  # noqa: E402


async def score(case):
    if case["mechanism"] == "no_penalty":
        m = NoPenaltyGroundTruthTagSimilarityScoringMechanism()
        m.min_tags = 1
    else:
        m = GroundTruthTagSimilarityScoringMechanism()
        if case["mechanism"] == "survey":
            m.min_tags = 1
    metadata = ConversationMetadata(tags=case["gt_tags"], vectors={t: {"vectors": v} for t, v in zip(case["gt_tags"], case["gt_vectors"])})
    bundle = SimpleNamespace(input=SimpleNamespace(metadata=metadata))
    result = {"tags": case["tags"], "vectors": {t: {"vectors": v} for t, v in zip(case["tags"], case["vectors"])}}
    response = SimpleNamespace(cgp_output=[result], axon=SimpleNamespace(uuid="u", hotkey="h"))
    finals, _ = await m.evaluate(bundle, [response])
    return [float(finals[0].get("adjustedScore", 0.0)), float(finals[0].get("final_miner_score", 0.0))]


async def main():
    cases = json.load(sys.stdin)
    out = [await score(c) for c in cases]
    json.dump(out, sys.stdout)


asyncio.run(main())
