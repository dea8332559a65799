namespace Parley.Bench.Knowledge;

/// <summary>
/// Made-up product and feature names ("Kavelo", "Brintas"): the long tail of rare terms that real documentation
/// has and a hand-written word list lacks. Each page talks mostly about a few of its own, so a question naming
/// one matches a handful of chunks, not thousands.
/// </summary>
internal static class FeatureNames
{
    private static readonly string[] Onsets = ["b", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "cr", "dr", "fl", "gr", "kl", "pr", "st", "tr", "qu", "sh"];
    private static readonly string[] Vowels = ["a", "e", "i", "o", "u", "ai", "ea", "io", "ou", "y"];
    private static readonly string[] Codas = ["", "", "n", "r", "s", "x", "l", "m", "th", "nd", "rk", "st"];

    public static IReadOnlyList<string> Generate(int count, int seed = 31)
    {
        var random = new Random(seed);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<string>(count);
        while (ordered.Count < count)
        {
            var syllables = random.Next(2, 4);
            var name = string.Concat(Enumerable.Range(0, syllables).Select(_ =>
                Onsets[random.Next(Onsets.Length)] + Vowels[random.Next(Vowels.Length)] + Codas[random.Next(Codas.Length)]));
            name = char.ToUpperInvariant(name[0]) + name[1..];
            if (names.Add(name))
                ordered.Add(name);
        }

        return ordered;
    }
}
