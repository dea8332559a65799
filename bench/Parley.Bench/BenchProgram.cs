namespace Parley.Bench;

/// <summary>
/// The entry point. Not a top-level <c>Program</c>: that name is Parley.Server's, which the benchmark hosts.
/// </summary>
internal static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(BenchOptions.Usage);
            return 2;
        }

        switch (options.Command)
        {
            case "chat":
                await ChatBenchmark.RunAsync(options, Console.Out);
                return 0;
            case "default-turn":
                await DefaultTurnBenchmark.RunAsync(options, Console.Out);
                return 0;
            case "backends" when options.Postgres is null:
                Console.Error.WriteLine("backends needs --postgres (an empty database; bench/scale-out.sh starts one).");
                return 2;
            case "backends":
                await BackendsBenchmark.RunAsync(options, Console.Out);
                return 0;
            case "steps":
                await Profiling.PipelineSteps.RunAsync(options, Console.Out);
                return 0;
            case "eval":
                return await Eval.RetrievalEval.RunAsync(options, Console.Out);
            case "eval-diff":
                return await Eval.Diff.EvalDiff.RunAsync(options.DiffFiles[0], options.DiffFiles[1], Console.Out);
            case "calibrate":
                await Calibration.SimilarityCalibration.RunAsync(Console.Out);
                return 0;
            case "insights":
                await InsightsBenchmark.RunAsync(options, Console.Out);
                return 0;
            case "grouping":
                await Calibration.GroupingCalibration.RunAsync(Console.Out);
                return 0;
            case "qa-threshold":
                await Calibration.SavedAnswerThreshold.RunAsync(Console.Out);
                return 0;
            case "retrieval":
                await Retrieval.IndexScale.RunAsync(options.Postgres, Console.Out);
                return 0;
            default:
                Console.Error.WriteLine($"Unknown command '{options.Command}'.");
                Console.Error.WriteLine(BenchOptions.Usage);
                return 2;
        }
    }
}
