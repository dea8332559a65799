using System.Diagnostics;
using System.Globalization;

namespace Parley.Bench.Profiling;

/// <summary>
/// Times named steps of the pipeline, one call at a time: wall time, CPU time of the calling thread and bytes it
/// allocated. Only the part of a step that runs before its task first yields is charged to it, which for Parley's
/// stores is all of it (SQLite calls are synchronous); a step that did yield is flagged.
/// </summary>
internal sealed class StepTimings
{
    private readonly Dictionary<string, List<Sample>> _samples = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly HashSet<string> _yielded = new(StringComparer.Ordinal);

    public bool Recording { get; set; }

    public async Task<T> TimeAsync<T>(string step, Func<Task<T>> action)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var cpu = ThreadCpuClock.Now();
        var started = Stopwatch.GetTimestamp();
        var task = action();
        var synchronous = task.IsCompleted;
        var cpuUsed = ThreadCpuClock.Now() - cpu;
        var allocatedNow = GC.GetAllocatedBytesForCurrentThread() - allocated;
        var result = await task;
        Record(step, new Sample(Stopwatch.GetElapsedTime(started).TotalMilliseconds, cpuUsed / 1e6, allocatedNow), synchronous);
        return result;
    }

    public Task TimeAsync(string step, Func<Task> action) =>
        TimeAsync(step, async () =>
        {
            await action();
            return true;
        });

    public T Time<T>(string step, Func<T> action) =>
        TimeAsync(step, () => Task.FromResult(action())).GetAwaiter().GetResult();

    public double MeanCpuMs(string step) => _samples.TryGetValue(step, out var s) ? s.Average(x => x.CpuMs) : double.NaN;

    public void Print(TextWriter output)
    {
        output.WriteLine($"{"step",-58} {"calls",6} {"wall p50",9} {"wall p90",9} {"wall mean",10} {"CPU mean",9} {"alloc KB",9}");
        output.WriteLine(new string('-', 116));
        foreach (var step in _order)
        {
            var samples = _samples[step];
            var wall = samples.Select(s => s.WallMs).Order().ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{step + (_yielded.Contains(step) ? " (yielded)" : ""),-58} {samples.Count,6} {wall[wall.Count / 2],9:F3} {wall[(int)(wall.Count * 0.9)],9:F3} " +
                $"{wall.Average(),10:F3} {samples.Average(s => s.CpuMs),9:F3} {samples.Average(s => s.AllocatedBytes) / 1024.0,9:F1}"));
        }
    }

    private void Record(string step, Sample sample, bool synchronous)
    {
        if (!Recording)
            return;
        if (!_samples.TryGetValue(step, out var list))
        {
            _samples[step] = list = [];
            _order.Add(step);
        }

        list.Add(sample);
        if (!synchronous)
            _yielded.Add(step);
    }

    private readonly record struct Sample(double WallMs, double CpuMs, long AllocatedBytes);
}
