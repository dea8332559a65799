namespace Parley.Server.Knowledge.Embeddings;

/// <summary>A visitor's question already embedded (as a search query) by the model named, so a later step need not embed it again.</summary>
public sealed record EmbeddedQuestion(string Text, string Model, float[] Vector)
{
    /// <summary>The vector, when it is of <paramref name="text"/> by <paramref name="model"/>.</summary>
    public float[]? For(string text, string? model) => Text == text && Model == model ? Vector : null;
}
