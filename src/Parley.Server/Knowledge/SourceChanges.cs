using Parley.Core.Knowledge;
using Parley.Server.Api;

namespace Parley.Server.Knowledge;

/// <summary>
/// What a <c>PATCH</c> of a source may change, by type: a text's title, text and link, a Q&amp;A pair's question,
/// answer and link, a document's title, and a fetched source's re-sync schedule. Fields left out keep their value.
/// A field that belongs to another type is refused naming it, saying why and what to do instead.
/// </summary>
internal static class SourceChanges
{
    private const int MaxTitleLength = 500;

    /// <summary>The edited source, and whether its passages must be made again; null with <see cref="JsonFields.Error"/> set when refused.</summary>
    public static (Source Edited, bool Reindex)? Read(Source source, JsonFields fields)
    {
        if (fields.Has("type"))
        {
            fields.Fail("type", "A source's type cannot change: add a source of the other type and delete this one.");
            return null;
        }

        var edited = source.Type switch
        {
            SourceType.Text => Text(source, fields),
            SourceType.Qa => Qa(source, fields),
            SourceType.File => File(source, fields),
            _ => Fetched(source, fields),
        };
        if (fields.Error is not null || edited is null)
            return null;

        var reindex = edited.Title != source.Title || edited.Url != source.Url || edited.Content != source.Content || edited.Question != source.Question;
        return (edited, reindex);
    }

    private static Source? Text(Source source, JsonFields fields)
    {
        RejectOthers(source, fields, "title", "url", "text");
        fields.RejectNull("text");
        var text = fields.String("text", SourceEndpoints.MaxTextLength) ?? source.Content;
        var title = fields.String("title", MaxTitleLength)?.Trim();
        // Without a title, a text is titled by its first line, as when it was added.
        if (title is null && fields.IsNull("title"))
            title = SourceEndpoints.FirstLine(text);
        var url = fields.Has("url") ? SourceEndpoints.Url(fields) : source.Url;
        return fields.Error is null ? source with { Title = title ?? source.Title, Content = text, Url = url } : null;
    }

    private static Source? Qa(Source source, JsonFields fields)
    {
        RejectOthers(source, fields, "question", "answer", "url");
        fields.RejectNull("question", "answer");
        var question = fields.String("question", SourceEndpoints.MaxQuestionLength)?.Trim() ?? source.Question!;
        var answer = fields.String("answer", SourceEndpoints.MaxAnswerLength)?.Trim() ?? source.Content;
        var url = fields.Has("url") ? SourceEndpoints.Url(fields) : source.Url;
        return fields.Error is null ? source with { Question = question, Title = question, Content = answer, Url = url } : null;
    }

    private static Source? File(Source source, JsonFields fields)
    {
        RejectOthers(source, fields, "title");
        fields.RejectNull("title");
        var title = fields.String("title", MaxTitleLength)?.Trim();
        return fields.Error is null ? source with { Title = title ?? source.Title } : null;
    }

    private static Source? Fetched(Source source, JsonFields fields)
    {
        RejectOthers(source, fields, "sync_interval_hours");
        var hours = fields.Int("sync_interval_hours", 1, SourceEndpoints.MaxSyncIntervalHours);
        if (fields.Error is not null)
            return null;
        // null stops the schedule; left out, it stays.
        var interval = fields.Has("sync_interval_hours") ? hours * 3600 : source.SyncIntervalSeconds;
        return source with { SyncIntervalSeconds = interval };
    }

    /// <summary>Refuses every field but <paramref name="editable"/>, explaining the ones an owner might expect to edit here.</summary>
    private static void RejectOthers(Source source, JsonFields fields, params string[] editable)
    {
        var type = source.Type.ToString().ToLowerInvariant();
        var fetched = source.Type is SourceType.Url or SourceType.Sitemap or SourceType.Crawl;
        foreach (var name in new[] { "text", "title", "question", "answer", "url" })
        {
            if (!fields.Has(name) || editable.Contains(name))
                continue;
            fields.Fail(name, (fetched, name) switch
            {
                (true, "url") => $"A {type} source's url cannot change: add a source for the new address and delete this one.",
                (true, _) => $"A {type} source's {name} comes from the pages it fetches: change them on the site and sync, or add a text or Q&A source.",
                (false, "text" or "title") when source.Type == SourceType.Qa => "A Q&A source has a 'question' and an 'answer'; send those.",
                (false, "text") when source.Type == SourceType.File =>
                    "An uploaded document's text comes from its file: upload the new version and delete this source.",
                (false, "url") => "An uploaded document has no url.",
                _ => $"A {type} source has no '{name}'.",
            });
            return;
        }

        if (!fetched && fields.Has("sync_interval_hours"))
        {
            fields.Fail("sync_interval_hours", "Only url, sitemap and crawl sources are fetched, so only they have a re-sync schedule.");
            return;
        }

        if (source.Type == SourceType.Crawl)
        {
            foreach (var name in new[] { "max_pages", "max_depth", "include", "exclude" })
            {
                if (fields.Has(name))
                {
                    fields.Fail(name, $"'{name}' cannot be changed in place: add a crawl source with the new settings and delete this one.");
                    return;
                }
            }
        }

        fields.RejectUnknown([.. editable, "text", "title", "question", "answer", "url", "sync_interval_hours"]);
    }
}
