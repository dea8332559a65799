namespace Parley.Bench.Knowledge;

/// <summary>Draws list entries with Zipf-like frequencies: the entry at rank r is picked in proportion to 1 / (r + 1)^s.</summary>
internal sealed class ZipfPicker<T>
{
    private readonly IReadOnlyList<T> _items;
    private readonly double[] _cumulative;

    public ZipfPicker(IReadOnlyList<T> items, double exponent = 1.0)
    {
        _items = items;
        _cumulative = new double[items.Count];
        var total = 0.0;
        for (var rank = 0; rank < items.Count; rank++)
        {
            total += 1.0 / Math.Pow(rank + 1, exponent);
            _cumulative[rank] = total;
        }
    }

    public T Next(Random random)
    {
        var target = random.NextDouble() * _cumulative[^1];
        var index = Array.BinarySearch(_cumulative, target);
        return _items[index < 0 ? Math.Min(~index, _items.Count - 1) : index];
    }
}
