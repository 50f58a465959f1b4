/**
 * JMH benchmarks of M-Sec's kernels. Run them with {@code ./mvnw -q -pl bench -am package
 * -DskipTests} and {@code java -cp "bench/target/msec-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"
 * org.openjdk.jmh.Main}. Whole-system figures come from {@code msec bench ...}.
 */
package io.msec.bench;
