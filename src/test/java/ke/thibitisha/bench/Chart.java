package ke.thibitisha.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * A PNG of a surge over time: calls in flight (simulator and app, left axis, with the cap as a red dashed line)
 * and payments waiting (the app's queue depth and the true backlog, right axis), with labelled event markers.
 */
final class Chart {

    record Marker(double seconds, String label) {
    }

    private static final int WIDTH = 1100;
    private static final int HEIGHT = 520;
    private static final int LEFT = 70;
    private static final int RIGHT = 80;
    private static final int TOP = 60;
    private static final int BOTTOM = 50;
    private static final Color SIM = new Color(0x1f77b4);
    private static final Color APP = new Color(0x2ca02c);
    private static final Color QUEUE = new Color(0xff7f0e);
    private static final Color BACKLOG = new Color(0x9467bd);
    private static final Stroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
            new float[] {6, 4}, 0);

    private Chart() {
    }

    static void draw(Path png, String title, List<Sampler.Sample> samples, List<Marker> markers, int cap) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));

        double maxT = Math.max(1, samples.stream().mapToDouble(Sampler.Sample::seconds).max().orElse(1));
        int maxCalls = Math.max(cap + 2, samples.stream()
                .mapToInt(s -> Math.max(s.simInFlight(), s.appInFlight())).max().orElse(0) + 1);
        int maxQueue = Math.max(10, samples.stream()
                .mapToInt(s -> Math.max(s.queueDepth(), s.backlog())).max().orElse(0));
        Frame frame = new Frame(maxT, maxCalls, maxQueue);

        frame.axes(g);
        g.setColor(Color.RED);
        g.setStroke(DASHED);
        int capY = frame.leftY(cap);
        g.drawLine(LEFT, capY, WIDTH - RIGHT, capY);
        g.drawString("cap " + cap, LEFT + 4, capY - 4);

        g.setStroke(new BasicStroke(1));
        for (Marker marker : markers) {
            int x = frame.x(marker.seconds());
            g.setColor(Color.GRAY);
            g.drawLine(x, TOP, x, HEIGHT - BOTTOM);
            g.setColor(Color.DARK_GRAY);
            g.drawString(marker.label(), x + 3, TOP + 12 + 14 * (markers.indexOf(marker) % 3));
        }

        line(g, frame, samples, Sampler.Sample::backlog, false, BACKLOG);
        line(g, frame, samples, Sampler.Sample::queueDepth, false, QUEUE);
        line(g, frame, samples, Sampler.Sample::appInFlight, true, APP);
        line(g, frame, samples, Sampler.Sample::simInFlight, true, SIM);

        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, LEFT, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        legend(g, LEFT, 42, SIM, "calls in flight at Sautikit (left)");
        legend(g, LEFT + 250, 42, APP, "app calls_in_flight (left)");
        legend(g, LEFT + 460, 42, QUEUE, "app queue_depth (right)");
        legend(g, LEFT + 660, 42, BACKLOG, "not yet dialled: accepted - calls (right)");
        g.dispose();
        try {
            ImageIO.write(image, "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
    }

    /** A polyline of one series; -1 values (no answer) break the line. */
    private static void line(Graphics2D g, Frame frame, List<Sampler.Sample> samples,
                             ToIntFunction<Sampler.Sample> value, boolean leftAxis, Color color) {
        g.setColor(color);
        g.setStroke(new BasicStroke(leftAxis ? 1.8f : 1.5f));
        Path2D path = new Path2D.Double();
        boolean drawing = false;
        for (Sampler.Sample sample : samples) {
            int v = value.applyAsInt(sample);
            if (v < 0) {
                drawing = false;
                continue;
            }
            int x = frame.x(sample.seconds());
            int y = leftAxis ? frame.leftY(v) : frame.rightY(v);
            if (drawing) {
                path.lineTo(x, y);
            } else {
                path.moveTo(x, y);
                drawing = true;
            }
        }
        g.draw(path);
    }

    private static void legend(Graphics2D g, int x, int y, Color color, String text) {
        g.setColor(color);
        g.fillRect(x, y - 9, 14, 9);
        g.setColor(Color.BLACK);
        g.drawString(text, x + 18, y);
    }

    /** Maps seconds and counts to pixels. */
    private record Frame(double maxT, int maxCalls, int maxQueue) {

        int x(double seconds) {
            return LEFT + (int) Math.round(seconds / maxT * (WIDTH - LEFT - RIGHT));
        }

        int leftY(double calls) {
            return HEIGHT - BOTTOM - (int) Math.round(calls / maxCalls * (HEIGHT - TOP - BOTTOM));
        }

        int rightY(double waiting) {
            return HEIGHT - BOTTOM - (int) Math.round(waiting / maxQueue * (HEIGHT - TOP - BOTTOM));
        }

        void axes(Graphics2D g) {
            g.setColor(new Color(0xdddddd));
            for (int i = 0; i <= 5; i++) {
                int y = HEIGHT - BOTTOM - i * (HEIGHT - TOP - BOTTOM) / 5;
                g.drawLine(LEFT, y, WIDTH - RIGHT, y);
            }
            g.setColor(Color.BLACK);
            g.drawRect(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
            for (int i = 0; i <= 5; i++) {
                int y = HEIGHT - BOTTOM - i * (HEIGHT - TOP - BOTTOM) / 5;
                g.drawString(String.format("%.0f", maxCalls * i / 5.0), LEFT - 30, y + 4);
                g.drawString(String.format("%.0f", maxQueue * i / 5.0), WIDTH - RIGHT + 6, y + 4);
            }
            for (int i = 0; i <= 10; i++) {
                double t = maxT * i / 10;
                g.drawString(String.format("%.0f s", t), x(t) - 12, HEIGHT - BOTTOM + 18);
            }
            g.drawString("calls in flight", 4, TOP - 6);
            g.drawString("payments waiting", WIDTH - RIGHT - 30, TOP - 6);
            g.drawString("time since the first callback", WIDTH / 2 - 80, HEIGHT - 12);
        }
    }
}
