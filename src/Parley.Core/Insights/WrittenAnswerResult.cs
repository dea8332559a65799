namespace Parley.Core.Insights;

/// <summary>Whether an answer written from insights was recorded for its question, or which of the two was not the bot's.</summary>
public enum WrittenAnswerResult
{
    Saved,
    NoSuchQuestion,
    NoSuchSource,
}
