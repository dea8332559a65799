namespace Parley.Core.Knowledge;

public enum SourceStatus
{
    Queued,
    Running,
    Ready,
    Failed,
}
