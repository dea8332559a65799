namespace Parley.Server.Chat.SavedAnswers;

/// <summary>
/// Which of a bot's saved questions a visitor's question asks again, given how close it is to each: the closest at
/// least the threshold close, unless another saved question with another answer is nearly as close. Two saved answers
/// that both fit are a question the knowledge, with both passages, answers better than either alone.
/// </summary>
public static class SavedAnswerChoice
{
    /// <summary>How much closer than any other the chosen saved question must be, when both clear the bar.</summary>
    public const double Margin = 0.05;

    /// <summary>The index of the saved question to answer from, or null.</summary>
    public static int? Pick(IReadOnlyList<double> closeness, IReadOnlyList<string> answers, double threshold)
    {
        var best = -1;
        for (var i = 0; i < closeness.Count; i++)
        {
            if (closeness[i] >= threshold && (best < 0 || closeness[i] > closeness[best]))
                best = i;
        }

        if (best < 0)
            return null;
        for (var i = 0; i < closeness.Count; i++)
        {
            if (i != best && closeness[i] >= threshold && closeness[best] - closeness[i] < Margin && answers[i] != answers[best])
                return null;
        }

        return best;
    }
}
