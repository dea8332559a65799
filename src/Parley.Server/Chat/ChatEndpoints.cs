using Parley.Server.Api;
using Parley.Server.Chat.Admission;
using Parley.Server.Chat.Streaming;

namespace Parley.Server.Chat;

public static class ChatEndpoints
{
    public const string PublicCorsPolicy = "public-chat";

    public static IEndpointRouteBuilder MapChat(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/public/chat/stream", StreamPublicAsync)
            .WithTags("Chat")
            .AllowAnonymous()
            .RequireCors(PublicCorsPolicy)
            .Accepts<ChatRequest>("application/json")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesApiErrors(400, 403, 404, 429);

        app.MapPost("/v1/chat/stream", StreamAuthenticatedAsync)
            .WithTags("Chat")
            .RequireAuthorization()
            .Accepts<ChatRequest>("application/json")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesApiErrors(400, 401, 403, 404);
        return app;
    }

    private static Task<IResult> StreamPublicAsync(HttpContext http, ChatGate gate) => StreamAsync(http, gate, ChatAudience.Public);

    private static Task<IResult> StreamAuthenticatedAsync(HttpContext http, ChatGate gate) => StreamAsync(http, gate, ChatAudience.ApiKey);

    private static async Task<IResult> StreamAsync(HttpContext http, ChatGate gate, ChatAudience audience)
    {
        var (admission, refused) = await gate.AdmitAsync(http, audience);
        return refused ?? (IResult)new ChatStreamResult(admission!);
    }
}
