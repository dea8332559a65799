using System.Text.Json;

namespace Parley.Bench.Eval;

/// <summary>The <c>--json</c> file: the run's settings, the score rows and every question with its answer and citations.</summary>
internal static class EvalResultsFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    public static async Task WriteAsync(EvalRun run, string path)
    {
        var ingestion = run.Ingestion;
        var document = new
        {
            target = run.Target,
            questions_file = run.QuestionFile,
            max_passages = run.MaxPassages,
            ingestion = new
            {
                method = ingestion.Method,
                pages = ingestion.Pages,
                chunks = ingestion.Chunks,
                seconds = Math.Round(ingestion.Elapsed.TotalSeconds, 3),
                pages_per_second = Math.Round(ingestion.PagesPerSecond, 2),
                chunks_per_second = Math.Round(ingestion.ChunksPerSecond, 2),
            },
            groups = Groups(run.Groups),
            questions = Questions(run.Results),
            conversations = run.Conversations is { } conversations
                ? new
                {
                    size = conversations.Size,
                    groups = Groups(conversations.Groups),
                    questions = Questions(conversations.Results),
                }
                : null,
            followups = run.Followups is { } followups
                ? new
                {
                    questions_file = followups.QuestionFile,
                    groups = Groups(followups.Groups),
                    questions = Questions(followups.Results),
                }
                : null,
            unanswerable = run.Unanswerable is { } unanswerable
                ? new
                {
                    questions_file = unanswerable.QuestionFile,
                    n = unanswerable.Results.Count,
                    fallback_share = unanswerable.FallbackShare,
                    questions = unanswerable.Results.Select(r => new
                    {
                        id = r.Question.Id,
                        question = r.Question.Question,
                        fallback = r.IsFallback,
                        answer = r.Answer.Text,
                        error = r.Answer.Error,
                        citations = Citations(r.Answer),
                    }),
                }
                : null,
        };

        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, document, Json);
    }

    private static IEnumerable<object> Groups(IReadOnlyList<GroupScore> groups) => groups.Select(g => new
    {
        group = g.Group,
        n = g.Count,
        hit_at_1 = g.HitAt1,
        hit_at_5 = g.HitAt5,
        hit_at_10 = g.HitAt10,
        mrr_at_10 = g.Mrr10,
        all_keywords = g.AllKeywords,
        any_keyword = g.AnyKeyword,
    });

    // eval-diff reads id, first_hit_rank, retrieval_hit_rank and all_keywords back.
    private static IEnumerable<object> Questions(IReadOnlyList<QuestionResult> results) => results.Select(r => new
    {
        id = r.Question.Id,
        kind = r.Question.Kind,
        question = r.Question.Question,
        gold_pages = r.Question.GoldPages,
        answer_keywords = r.Question.AnswerKeywords,
        first_hit_rank = r.FirstHitRank,
        retrieval_hit_rank = r.RetrievalHitRank,
        all_keywords = r.AllKeywords,
        any_keyword = r.AnyKeyword,
        answer = r.Answer.Text,
        error = r.Answer.Error,
        elapsed_ms = Math.Round(r.Answer.Elapsed.TotalMilliseconds, 1),
        citations = Citations(r.Answer),
    });

    private static IEnumerable<object> Citations(ChatAnswer answer) =>
        answer.Citations.Select((c, i) => new { rank = i + 1, page = c.Page, source_url = c.SourceUrl, page_title = c.PageTitle, score = c.Score });
}
