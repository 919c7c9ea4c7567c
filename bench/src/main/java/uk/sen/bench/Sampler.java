package uk.sen.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Samples the services' resident memory (and the register's heap) every 250 ms while a load runs; keeps the peaks. */
final class Sampler implements AutoCloseable {

    private final Stack stack;
    private final Map<String, Long> peakRss = new ConcurrentHashMap<>();
    private volatile long peakRegisterHeap;
    private final Thread thread;
    private final boolean heap;
    private volatile boolean running = true;

    /** @param heap whether to read the register's heap too (a metrics scrape each time, so only where it is reported) */
    Sampler(Stack stack, boolean heap) {
        this.stack = stack;
        this.heap = heap;
        this.thread = new Thread(this::run, "sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            for (Stack.Running r : stack.running().values()) {
                long rss = Stack.rss(r.pid(), false);
                peakRss.merge(r.service().name(), rss, Math::max);
            }
            if (heap) {
                peakRegisterHeap = Math.max(peakRegisterHeap, stack.heapUsed(Stack.REGISTER));
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    long peakRss(Stack.Service s) {
        return peakRss.getOrDefault(s.name(), -1L);
    }

    long peakRegisterHeap() {
        return peakRegisterHeap;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
    }
}
