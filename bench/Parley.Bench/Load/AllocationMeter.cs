using System.Diagnostics.Tracing;

namespace Parley.Bench.Load;

/// <summary>
/// Bytes the whole process allocates, from the runtime's <c>GCAllocationTick</c> events (one per ~100 KB allocated).
/// <see cref="GC.GetTotalAllocatedBytes"/> would be simpler, but under server GC with dynamic adaptation it can go
/// backwards when the GC retires a heap, which makes a per-turn figure meaningless.
/// </summary>
internal sealed class AllocationMeter : EventListener
{
    private const string RuntimeProvider = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private const int AllocationTickEventId = 10;

    private long _bytes;

    public long AllocatedBytes => Interlocked.Read(ref _bytes);

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == RuntimeProvider)
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventId != AllocationTickEventId || eventData.Payload is not { } payload)
            return;
        var index = eventData.PayloadNames?.IndexOf("AllocationAmount64") ?? -1;
        var amount = index >= 0 ? Convert.ToInt64(payload[index], System.Globalization.CultureInfo.InvariantCulture) : 0;
        Interlocked.Add(ref _bytes, amount);
    }
}
