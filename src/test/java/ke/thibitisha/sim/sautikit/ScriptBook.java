package ke.thibitisha.sim.sautikit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Scripted outcomes per destination number, with a default for unscripted numbers. */
final class ScriptBook {

    private final ConcurrentMap<String, CallScript> byNumber = new ConcurrentHashMap<>();
    private final CallScript initialDefault;
    private volatile CallScript fallback;

    ScriptBook(CallScript initialDefault) {
        this.initialDefault = initialDefault;
        this.fallback = initialDefault;
    }

    void script(String e164, CallScript script) {
        byNumber.put(e164, script);
    }

    void defaultScript(CallScript script) {
        fallback = script;
    }

    CallScript forNumber(String e164) {
        return byNumber.getOrDefault(e164, fallback);
    }

    void reset() {
        byNumber.clear();
        fallback = initialDefault;
    }
}
