namespace Parley.Core.Knowledge;

public enum SourceType
{
    Text,
    Qa,
}
