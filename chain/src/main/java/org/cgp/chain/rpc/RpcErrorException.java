package org.cgp.chain.rpc;

import org.cgp.chain.ChainException;

/** The node answered a call with a JSON-RPC error object (e.g. 1010 Invalid Transaction). */
public class RpcErrorException extends ChainException {
    private final int code;
    private final String rpcMessage;
    private final String data;

    public RpcErrorException(String method, int code, String rpcMessage, String data) {
        super(method + " failed with RPC error " + code + ": " + rpcMessage + (data == null || data.isBlank() ? "" : " (" + data + ")"));
        this.code = code;
        this.rpcMessage = rpcMessage;
        this.data = data;
    }

    /** The error object's {@code data}, as text (null when it had none). */
    public String data() { return data; }

    public int code() { return code; }

    public String rpcMessage() { return rpcMessage; }
}
