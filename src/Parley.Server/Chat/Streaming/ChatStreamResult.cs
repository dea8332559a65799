namespace Parley.Server.Chat.Streaming;

/// <summary>The 200 response of an admitted message: the answer, streamed as Server-Sent Events.</summary>
public sealed class ChatStreamResult(Admission.ChatAdmission admission) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var runner = httpContext.RequestServices.GetRequiredService<ChatTurnRunner>();
        using var sse = new SseWriter(httpContext.Response);
        await runner.RunAsync(admission, sse);
    }
}
