using System.Text;

namespace Parley.Server.Tests.Conformance;

/// <summary>
/// The seed documentation is a text capture of a web page and has lost the Python example's leading
/// whitespace, which Python needs to run. This puts it back from Python's own block rules and changes
/// nothing else: every line keeps its exact text, only its indentation is restored.
/// </summary>
/// <remarks>
/// The rules: a line ending in <c>:</c> opens a block; <c>elif</c>/<c>else</c>/<c>except</c>/<c>finally</c>
/// continue the block statement they belong to; a jump (<c>continue</c>, <c>break</c>, <c>return</c>,
/// <c>raise</c>, <c>pass</c>) is the last statement of its block, as nothing after it there could run;
/// and the example's final <c>return</c> is its function's, since the example ends with the function.
/// </remarks>
public static class PythonIndentation
{
    private const string Unit = "    ";

    private static readonly string[] Continuations = ["elif", "else", "except", "finally"];
    private static readonly string[] Jumps = ["continue", "break", "return", "raise", "pass"];

    public static string Restore(string flatCode)
    {
        var lines = flatCode.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).ToArray();
        var lastStatement = Array.FindLastIndex(lines, l => l.Length > 0 && !l.StartsWith('#'));
        var blocks = new Stack<(int Level, string Keyword)>();
        var level = 0;
        var brackets = 0;
        var output = new StringBuilder();

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || line.StartsWith('#') || brackets > 0)
            {
                // Blank lines, comments and lines inside open brackets carry no block structure.
                var closes = line.Length > 0 && ")]}".Contains(line[0], StringComparison.Ordinal) ? 1 : 0;
                Append(output, level + brackets - closes, line);
                brackets += BracketBalance(line);
                continue;
            }

            var keyword = FirstWord(line);
            if (Continuations.Contains(keyword))
            {
                while (blocks.Count > 0 && !Continues(keyword, blocks.Peek().Keyword))
                    blocks.Pop();
                if (blocks.Count == 0)
                    throw new FormatException($"'{line}' continues no block statement.");
                level = blocks.Pop().Level;
            }
            else if (i == lastStatement && keyword == "return")
            {
                var function = blocks.FirstOrDefault(b => b.Keyword is "def" or "async");
                level = function.Keyword is null ? level : function.Level + 1;
            }

            Append(output, level, line);
            brackets += BracketBalance(line);
            if (brackets > 0)
                continue;

            if (CodeOf(line).TrimEnd().EndsWith(':'))
            {
                blocks.Push((level, keyword));
                level++;
            }
            else if (Jumps.Contains(keyword) && blocks.Count > 0)
            {
                level = blocks.Pop().Level;
            }
        }

        return output.ToString();
    }

    private static bool Continues(string continuation, string header) => continuation switch
    {
        "elif" => header is "if" or "elif",
        "else" => header is "if" or "elif" or "for" or "while" or "try" or "except",
        _ => header is "try" or "except",
    };

    private static void Append(StringBuilder output, int level, string line)
    {
        if (line.Length > 0)
            output.Append(string.Concat(Enumerable.Repeat(Unit, level)));
        output.Append(line).Append('\n');
    }

    private static string FirstWord(string line) =>
        new(line.TakeWhile(c => char.IsLetterOrDigit(c) || c == '_').ToArray());

    /// <summary>The line without its comment, with string literals kept (a '#' inside one is text).</summary>
    private static string CodeOf(string line)
    {
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is { } open)
            {
                if (c == '\\')
                    i++;
                else if (c == open)
                    quote = null;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '#')
            {
                return line[..i];
            }
        }

        return line;
    }

    /// <summary>Brackets opened minus brackets closed, outside strings and comments.</summary>
    private static int BracketBalance(string line)
    {
        var code = CodeOf(line);
        var balance = 0;
        char? quote = null;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (quote is { } open)
            {
                if (c == '\\')
                    i++;
                else if (c == open)
                    quote = null;
                continue;
            }

            if (c is '\'' or '"')
                quote = c;
            else if (c is '(' or '[' or '{')
                balance++;
            else if (c is ')' or ']' or '}')
                balance--;
        }

        return balance;
    }
}
