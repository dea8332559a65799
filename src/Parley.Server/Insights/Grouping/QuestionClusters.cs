using System.Numerics.Tensors;

namespace Parley.Server.Insights.Grouping;

/// <summary>
/// Leader clustering, one question at a time: a question joins the group whose first question (its leader) is
/// nearest, if that is within the bar, or else leads a new group. Each question is compared once, with the leaders
/// only, so grouping keeps up with any number of questions, and a group never drifts from what its leader asked.
/// A question is a vector (by meaning) or a set of stemmed words (by words), never both in one set of clusters.
/// </summary>
public sealed class QuestionClusters(double bar)
{
    private readonly List<(string Id, float[]? Vector, IReadOnlySet<string>? Words)> _leaders = [];

    public int Count => _leaders.Count;

    public void AddLeader(string groupId, float[]? vector, IReadOnlySet<string>? words) => _leaders.Add((groupId, vector, words));

    /// <summary>The group the question joins, or null when no leader is within the bar.</summary>
    public string? Join(float[]? vector, IReadOnlySet<string>? words)
    {
        string? best = null;
        var closest = double.MinValue;
        foreach (var leader in _leaders)
        {
            var similarity = Similarity(vector, words, leader.Vector, leader.Words);
            if (similarity > closest)
                (best, closest) = (leader.Id, similarity);
        }

        return closest >= bar ? best : null;
    }

    public static double Similarity(float[]? vector, IReadOnlySet<string>? words, float[]? otherVector, IReadOnlySet<string>? otherWords) =>
        vector is not null && otherVector is not null && vector.Length == otherVector.Length
            ? TensorPrimitives.CosineSimilarity(vector, otherVector)
            : words is not null && otherWords is not null ? QuestionWords.Jaccard(words, otherWords) : double.MinValue;
}
