package dev.rlaif.examples.pipeline;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's PNG plots, drawn with JFreeChart (headless). */
final class Charts {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /**
     * One line per seed of a per-step statistic, e.g. {@code objective/scores} over PPO steps.
     *
     * @param perSeed seed label to the per-step statistics of that seed's run
     */
    static void lines(Path png, String title, String stat, Map<String, List<Map<String, Double>>> perSeed)
            throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, List<Map<String, Double>>> e : perSeed.entrySet()) {
            XYSeries s = new XYSeries(e.getKey());
            int step = 0;
            for (Map<String, Double> row : e.getValue()) {
                step++;
                Double v = row.get(stat);
                if (v != null && Double.isFinite(v)) {
                    s.add(step, v);
                }
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "step", stat, data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(r);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 800, 450);
    }

    /**
     * Grouped bars: one group per metric, one bar per model.
     *
     * @param values metric to model to value (in percent)
     */
    static void bars(Path png, String title, Map<String, Map<String, Double>> values) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        values.forEach((metric, byModel) -> byModel.forEach((model, v) -> data.addValue(v, model, metric)));
        JFreeChart chart = ChartFactory.createBarChart(title, "metric", "%", data,
                PlotOrientation.VERTICAL, true, false, false);
        chart.getCategoryPlot().setBackgroundPaint(Color.WHITE);
        chart.getCategoryPlot().setRangeGridlinePaint(Color.LIGHT_GRAY);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 450);
    }
}
