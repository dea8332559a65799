namespace Parley.Server.Privacy;

/// <summary>What erasing a visitor deleted: their conversations, the messages in them, and their votes on answers.</summary>
public sealed record ErasureResponse(int Conversations, int Messages, int Feedback);
