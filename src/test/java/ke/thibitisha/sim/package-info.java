/**
 * Test-scope simulators of the two vendors Thibitisha talks to, usable from JUnit/Arquillian tests (Java API) and
 * from the command line.
 *
 * <ul>
 *   <li>{@link ke.thibitisha.sim.sautikit.SautikitSimulator}: the Sautikit voice API (calls, voice callbacks, signed
 *       call events, faults, control plane). Run it with
 *       {@code ./mvnw -q test-compile exec:java -Dexec.mainClass=ke.thibitisha.sim.sautikit.SautikitSimulatorMain
 *       -Dexec.args="--port=18089 --events-url=http://127.0.0.1:8080/thibitisha/api/sautikit/events"}.</li>
 *   <li>{@link ke.thibitisha.sim.daraja.DarajaPayloads} and {@link ke.thibitisha.sim.daraja.DarajaLoad}: M-Pesa
 *       Daraja callback bodies and a load generator that fires them at a running app. Run it with
 *       {@code ./mvnw -q test-compile exec:java -Dexec.mainClass=ke.thibitisha.sim.daraja.DarajaSimulatorMain
 *       -Dexec.args="--rate=50 --count=500 --duplicates=0.05"}.</li>
 * </ul>
 *
 * Both mains print their arguments with {@code --help}. Where the vendor docs leave a GAP, the simulators' choices
 * are written on the class that makes them (statuses and codes: {@code CallFactory}, {@code CreateCallRequest},
 * {@code ApiKeys}, {@code IdempotencyStore}, {@code FaultInjector}).
 */
package ke.thibitisha.sim;
