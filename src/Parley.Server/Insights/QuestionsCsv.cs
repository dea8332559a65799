using System.Globalization;
using System.Text;
using Parley.Core.Bots;
using Parley.Core.Insights;

namespace Parley.Server.Insights;

/// <summary>
/// Every visitor question of a range as CSV (RFC 4180: CRLF line ends, a field holding a comma, quote or line break
/// quoted, quotes doubled), oldest first: <c>question,group,asked_at,answered,reason,conversation_id</c>, where
/// <c>group</c> is the group's first question. A visitor's words that a spreadsheet would run as a formula (starting
/// with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return) are written after a <c>'</c>, as OWASP advises
/// against CSV injection: the owner opening the file sees the text, and no formula runs.
/// </summary>
public sealed class QuestionsCsv(IInsightsStore store)
{
    public const string Header = "question,group,asked_at,answered,reason,conversation_id";

    private const string FormulaStarts = "=+-@\t\r";

    // Group texts are read this many at a time, well inside SQLite's limit on a statement's parameters.
    private const int LeaderBatch = 500;

    public async Task WriteAsync(Bot bot, InsightsRange range, Stream output, CancellationToken ct)
    {
        var questions = await store.ListQuestionsAsync(bot.Id, range.Start, range.End, ct);
        var leaders = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var batch in questions.Select(q => q.GroupId).OfType<string>().Distinct(StringComparer.Ordinal).Chunk(LeaderBatch))
        {
            foreach (var (group, text) in await store.LeaderTextsAsync(batch, ct))
                leaders[group] = text;
        }

        var redaction = new QuestionRedaction(bot);
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(Header);
        foreach (var question in questions)
        {
            var text = redaction.Apply(question.Text ?? "");
            var group = question.GroupId is { } id && leaders.TryGetValue(id, out var leader) ? redaction.Apply(leader) : text;
            await writer.WriteLineAsync(string.Join(',',
                Field(text),
                Field(group),
                question.AskedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                UnansweredReason.Answered(question) ? "true" : "false",
                UnansweredReason.Of(question) ?? "",
                Field(question.ConversationId)));
        }
    }

    internal static string Field(string value)
    {
        if (value.Length > 0 && FormulaStarts.Contains(value[0]))
            value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }
}
