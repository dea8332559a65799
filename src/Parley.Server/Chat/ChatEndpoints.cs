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
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status403Forbidden)
            .Produces<ApiError>(StatusCodes.Status404NotFound)
            .Produces<ApiError>(StatusCodes.Status429TooManyRequests);

        app.MapPost("/v1/chat/stream", StreamAuthenticatedAsync)
            .WithTags("Chat")
            .RequireAuthorization()
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status403Forbidden)
            .Produces<ApiError>(StatusCodes.Status404NotFound);
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
