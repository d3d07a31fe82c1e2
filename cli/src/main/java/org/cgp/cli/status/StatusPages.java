package org.cgp.cli.status;

import java.util.List;
import java.util.Locale;
import org.cgp.miner.MinerMetrics;
import org.cgp.scoring.EmitWeights;
import org.cgp.validator.ValidatorMetrics;
import org.cgp.validator.state.ValidatorState;

/** The HTML status pages ({@code GET /}) of the two daemons, from what their metrics keep; every text is escaped. */
public final class StatusPages {
    private StatusPages() {}

    public static String miner(MinerMetrics m) {
        StringBuilder b = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>cgp miner</title></head>"
                + "<body style=\"font-family:sans-serif\"><h1>cgp miner</h1><p>hotkey ").append(StatusServer.escape(m.hotkey()))
                .append("</p><p>windows tagged: ").append(m.tasks()).append(", mean ")
                .append(String.format(Locale.ROOT, "%.1f", m.meanMillis()))
                .append(" ms</p><h2>recent windows</h2><pre>");
        m.recent().forEach(r -> b.append(StatusServer.escape(r)).append('\n'));
        return b.append("</pre></body></html>").toString();
    }

    public static String validator(ValidatorMetrics m) {
        ValidatorState s = m.state();
        EmitWeights w = m.lastWeights();
        StringBuilder b = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>cgp validator</title>"
                + "<style>body{font-family:sans-serif}td,th{padding:2px 8px;text-align:right}</style></head><body>");
        b.append("<h1>cgp validator</h1><p>step ").append(s.step()).append(", weights last set at block ")
                .append(s.lastWeightsBlock()).append("</p><table><tr><th>uid</th><th>hotkey</th><th>moving average</th><th>weight</th></tr>");
        List<String> hotkeys = s.hotkeys();
        for (int uid = 0; uid < hotkeys.size(); uid++) {
            int weight = 0;
            if (w != null) for (int i = 0; i < w.uids().length; i++) if (w.uids()[i] == uid) weight = w.weights()[i];
            b.append("<tr><td>").append(uid).append("</td><td>").append(StatusServer.escape(hotkeys.get(uid))).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.5f", s.ema()[uid])).append("</td><td>").append(weight).append("</td></tr>");
        }
        b.append("</table><h2>recent conversations</h2><pre>");
        m.recent().forEach(r -> b.append(StatusServer.escape(r)).append('\n'));
        return b.append("</pre></body></html>").toString();
    }
}
