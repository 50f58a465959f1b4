package io.msec.node.bench;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * Drives publishes at a fixed rate per client from one pacing thread (open loop: a slow broker
 * makes latency grow rather than the offered load shrink) and times each publish until it is
 * complete, as told by {@link #complete(int, int)}.
 */
final class MqttLoad {
  private final List<Mqtt5AsyncClient> clients;
  private final List<String> topics;
  private final List<byte[][]> payloads;
  private final int readingsPerPublish;
  private final LoadPlan plan;
  private final long[][] sentNanos;
  private final Latencies latencies = new Latencies();
  private final AtomicLong completedReadings = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final CountDownLatch done;
  private volatile long lastCompletion;

  MqttLoad(
      List<Mqtt5AsyncClient> clients,
      List<String> topics,
      List<byte[][]> payloads,
      int readingsPerPublish,
      LoadPlan plan) {
    this.clients = clients;
    this.topics = topics;
    this.payloads = payloads;
    this.readingsPerPublish = readingsPerPublish;
    this.plan = plan;
    this.sentNanos = new long[clients.size()][plan.publishesPerDevice()];
    this.done = new CountDownLatch(clients.size() * plan.publishesPerDevice());
  }

  /** Marks publish {@code k} of client {@code i} complete (acknowledged or delivered). */
  void complete(int i, int k) {
    long now = System.nanoTime();
    latencies.add((now - sentNanos[i][k]) / 1000);
    completedReadings.addAndGet(readingsPerPublish);
    lastCompletion = now;
    done.countDown();
  }

  void fail() {
    failed.incrementAndGet();
    done.countDown();
  }

  /**
   * Runs the load; {@code onAck} is given a publish's client index when the broker's PUBACK
   * arrives, for the runs where the PUBACK itself is the completion.
   */
  RunResult run(boolean pubackCompletes, IntConsumer progress) throws InterruptedException {
    int perClient = plan.publishesPerDevice();
    double intervalNanos = 1e9 * plan.batch() / plan.ratePerDevice();
    int[] next = new int[clients.size()];
    long start = System.nanoTime();
    int sent = 0;
    int total = clients.size() * perClient;
    while (sent < total) {
      long elapsed = System.nanoTime() - start;
      int due = (int) Math.min(perClient, elapsed / intervalNanos + 1);
      for (int i = 0; i < clients.size(); i++) {
        while (next[i] < due) {
          publish(i, next[i]++, pubackCompletes);
          sent++;
        }
      }
      progress.accept(sent);
      Thread.sleep(2);
    }
    long timeout = Math.max(60, plan.seconds() * 4L);
    boolean finished = done.await(timeout, TimeUnit.SECONDS);
    long end = finished ? lastCompletion : System.nanoTime();
    return new RunResult(
        completedReadings.get(),
        (end - start) / 1e9,
        latencies.percentileMillis(50),
        latencies.percentileMillis(99),
        failed.get() + (finished ? 0 : done.getCount()));
  }

  private void publish(int i, int k, boolean pubackCompletes) {
    sentNanos[i][k] = System.nanoTime();
    clients
        .get(i)
        .publishWith()
        .topic(topics.get(i))
        .qos(MqttQos.AT_LEAST_ONCE)
        .payload(payloads.get(i)[k])
        .send()
        .whenComplete(
            (result, error) -> {
              if (error != null || result.getError().isPresent()) {
                fail();
              } else if (pubackCompletes) {
                complete(i, k);
              }
            });
  }
}
