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
            groups = run.Groups.Select(g => new
            {
                group = g.Group,
                n = g.Count,
                hit_at_1 = g.HitAt1,
                hit_at_5 = g.HitAt5,
                hit_at_10 = g.HitAt10,
                mrr_at_10 = g.Mrr10,
                all_keywords = g.AllKeywords,
                any_keyword = g.AnyKeyword,
            }),
            questions = run.Results.Select(r => new
            {
                id = r.Question.Id,
                kind = r.Question.Kind,
                question = r.Question.Question,
                gold_pages = r.Question.GoldPages,
                answer_keywords = r.Question.AnswerKeywords,
                first_hit_rank = r.FirstHitRank,
                all_keywords = r.AllKeywords,
                any_keyword = r.AnyKeyword,
                answer = r.Answer.Text,
                error = r.Answer.Error,
                elapsed_ms = Math.Round(r.Answer.Elapsed.TotalMilliseconds, 1),
                citations = r.Answer.Citations.Select((c, i) => new { rank = i + 1, page = c.Page, source_url = c.SourceUrl, page_title = c.PageTitle, score = c.Score }),
            }),
        };

        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, document, Json);
    }
}
