using System.Globalization;

namespace Parley.Bench.Knowledge;

/// <summary>
/// A fresh word on every read, drawn from <see cref="Vocabulary"/> with Zipf frequencies, so sentence templates
/// written as interpolated strings come out different each time. Deterministic for a given seed.
/// </summary>
internal sealed class WordSource(int seed)
{
    private static readonly ZipfPicker<string> NounPicker = new(Vocabulary.Nouns, 0.6);
    private static readonly ZipfPicker<(string Base, string Third, string Past)> VerbPicker = new(Vocabulary.Verbs, 0.6);
    private static readonly ZipfPicker<string> AdjectivePicker = new(Vocabulary.Adjectives, 0.6);
    private static readonly IReadOnlyList<string> Features = FeatureNames.Generate(4_000);
    private static readonly ZipfPicker<string> FeaturePicker = new(Features, 0.7);

    public Random Random { get; } = new(seed);

    /// <summary>The area the current page is about; its own nouns come up more often on it.</summary>
    public string Area { get; set; } = Vocabulary.Areas[0];

    public IReadOnlyList<string> PageNouns { get; set; } = [];

    public IReadOnlyList<string> PageFeatures { get; set; } = [];

    public string N => PageNouns.Count > 0 && Random.Next(2) == 0 ? PageNouns[Random.Next(PageNouns.Count)] : NounPicker.Next(Random);

    /// <summary>A feature name: mostly one of the page's own, sometimes any from the whole product.</summary>
    public string F => PageFeatures.Count > 0 && Random.Next(5) != 0 ? PageFeatures[Random.Next(PageFeatures.Count)] : FeaturePicker.Next(Random);

    public IReadOnlyList<(string Base, string Third, string Past)> PageVerbs { get; set; } = [];

    public string V => Verb().Base;

    public string Vs => Verb().Third;

    public string Ved => Verb().Past;

    public string A => AdjectivePicker.Next(Random);

    public string Unit => Vocabulary.TimeUnits[Random.Next(Vocabulary.TimeUnits.Length)];

    public string Num => Random.Next(2, 60).ToString(CultureInfo.InvariantCulture);

    public string BigNum => (Random.Next(1, 200) * 50).ToString("N0", CultureInfo.InvariantCulture);

    public string Code => Random.Next(4) switch
    {
        0 => "400",
        1 => "403",
        2 => "404",
        _ => "429",
    };

    public string Flag => "--" + NounPicker.Next(Random).Replace(' ', '-').ToLowerInvariant();

    public string AreaLower => Area.ToLowerInvariant();

    private (string Base, string Third, string Past) Verb() =>
        PageVerbs.Count > 0 && Random.Next(2) == 0 ? PageVerbs[Random.Next(PageVerbs.Count)] : VerbPicker.Next(Random);

    public T Pick<T>(IReadOnlyList<T> items) => items[Random.Next(items.Count)];
}
