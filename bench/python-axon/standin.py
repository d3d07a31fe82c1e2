#!/usr/bin/env python3
"""A stand-in for the Python (bittensor 9) axon serving CgSynapse, for bench/axon-side-by-side.

What it does per request is what the bittensor axon's middleware and route do, minus the
signature check (so it is a generous stand-in): read the bt_header_* headers into the dendrite
and axon terminal infos, decode the base64 input-object headers, parse the JSON body into a
pydantic model of the synapse, run a fixed-answer forward, and answer the model's JSON with the
axon's status headers. One uvicorn worker, as the axon runs it; no access log.

    python3 standin.py [--host 127.0.0.1] [--port 8092]

Needs fastapi and uvicorn (Debian: python3-fastapi python3-uvicorn). Prints
"standin listening on HOST:PORT pid N" once it accepts connections.
"""
import argparse
import asyncio
import base64
import json
import os
import time
import uuid
from typing import Any, Dict, List, Optional

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import Response
from pydantic import BaseModel

ANSWER = ["hurricane warning", "navy ships", "evacuation", "swimming meet", "power outage"]
AXON_UUID = str(uuid.uuid4())


class TerminalInfo(BaseModel):
    status_code: Optional[int] = None
    status_message: Optional[str] = None
    process_time: Optional[float] = None
    ip: Optional[str] = None
    port: Optional[int] = None
    version: Optional[int] = None
    nonce: Optional[int] = None
    uuid: Optional[str] = None
    hotkey: Optional[str] = None
    signature: Optional[str] = None


class CgSynapse(BaseModel):
    name: Optional[str] = "CgSynapse"
    timeout: Optional[float] = 12.0
    total_size: Optional[int] = 0
    header_size: Optional[int] = 0
    dendrite: Optional[TerminalInfo] = None
    axon: Optional[TerminalInfo] = None
    computed_body_hash: Optional[str] = ""
    cgp_input: Optional[List[Dict[str, Any]]] = None
    cgp_output: Optional[List[Dict[str, Any]]] = None
    time_elapsed: Optional[int] = 0


def dump(model: BaseModel) -> str:
    return model.model_dump_json() if hasattr(model, "model_dump_json") else model.json()


def terminal_from_headers(headers, prefix: str) -> TerminalInfo:
    fields = {}
    for key in TerminalInfo.__fields__:
        value = headers.get(prefix + key)
        if value is not None:
            fields[key] = value
    return TerminalInfo(**fields)


app = FastAPI()


@app.post("/CgSynapse")
async def cg_synapse(request: Request) -> Response:
    start = time.time()
    headers = request.headers
    dendrite = terminal_from_headers(headers, "bt_header_dendrite_")
    axon = terminal_from_headers(headers, "bt_header_axon_")
    inputs = {k[len("bt_header_input_obj_"):]: json.loads(base64.b64decode(v))
              for k, v in headers.items() if k.startswith("bt_header_input_obj_")}
    if dendrite.nonce is None or dendrite.hotkey is None or "cgp_input" not in inputs:
        return Response(status_code=400, content='{"message": "missing headers"}', media_type="application/json")
    body = await request.json()
    synapse = CgSynapse(**body)
    synapse.dendrite = dendrite
    synapse.cgp_output = [{"tags": ANSWER, "vectors": None}]
    axon.status_code = 200
    axon.status_message = "Success"
    axon.process_time = time.time() - start
    axon.uuid = AXON_UUID
    synapse.axon = axon
    out = {"bt_header_axon_status_code": "200", "bt_header_axon_status_message": "Success",
           "bt_header_axon_process_time": str(axon.process_time), "bt_header_axon_uuid": AXON_UUID}
    return Response(content=dump(synapse), media_type="application/json", headers=out)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8092)
    a = p.parse_args()
    config = uvicorn.Config(app, host=a.host, port=a.port, log_level="warning", access_log=False, workers=1)
    server = uvicorn.Server(config)

    async def announce():
        while not server.started:
            await asyncio.sleep(0.05)
        print(f"standin listening on {a.host}:{a.port} pid {os.getpid()}", flush=True)

    async def serve():
        await asyncio.gather(server.serve(), announce())

    asyncio.run(serve())


if __name__ == "__main__":
    main()
