using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Tickets;

namespace ServiceDesk.Core.Features.Tickets;

/// <summary>
/// Keyset paging of ticket lists: a page starts after (or ends before) the sort key of a ticket named
/// by a cursor, so reading page 2,000 of a queue costs what page 1 does, and a ticket that moves
/// while someone pages is neither shown twice nor skipped. Each order ends with the id, which makes
/// every key unique; "nearest breach first" reads tickets with a due instant, then those without.
/// The API and the desk page share the cursors (opaque strings; a bad one is a 400 naming "cursor").
/// </summary>
public static class TicketPaging
{
    /// <summary>The orders a list may be read in, each a chain of segments of one key each.</summary>
    private static readonly Dictionary<string, Segment[]> Orders = new()
    {
        ["sla"] =
        [
            new(t => t.SlaDueAt != null, [Key.Of(t => t.SlaDueAt), Key.Of(t => t.Priority), Key.Of(t => t.Id)]),
            new(t => t.SlaDueAt == null, [Key.Of(t => t.Priority), Key.Of(t => t.Id)]),
        ],
        ["created"] = [new(null, [Key.Of(t => t.CreatedAt), Key.Of(t => t.Id)])],
        ["-created"] = [new(null, [Key.Of(t => t.CreatedAt), Key.Of(t => t.Id)], Descending: true)],
        ["updated"] = [new(null, [Key.Of(t => t.UpdatedAt), Key.Of(t => t.Id)])],
        ["-updated"] = [new(null, [Key.Of(t => t.UpdatedAt), Key.Of(t => t.Id)], Descending: true)],
        ["priority"] = [new(null, [Key.Of(t => t.Priority), Key.Of(t => t.CreatedAt), Key.Of(t => t.Id)])],
        ["-priority"] = [new(null, [Key.Of(t => t.Priority), Key.Of(t => t.CreatedAt), Key.Of(t => t.Id)], Descending: true)],
    };

    /// <summary>The sorts ListTickets accepts.</summary>
    public static IReadOnlyCollection<string> Sorts => Orders.Keys;

    /// <summary>Whether <paramref name="cursor"/> is one this class wrote for <paramref name="sort"/>.</summary>
    public static bool IsValid(string? cursor, string sort) => cursor is null || Cursor.TryParse(cursor, sort, out _);

    /// <summary>
    /// The tickets of one page in <paramref name="sort"/> order, after or before the cursor (or the first
    /// page), with the cursors of the pages either side (null where there is none).
    /// </summary>
    /// <param name="skip">Rows to pass over first (a page number without a cursor); their keys alone are read.</param>
    public static async Task<(List<T> Rows, string? Previous, string? Next)> ReadAsync<T>(
        IQueryable<Ticket> tickets, string sort, string? cursor, int size, Expression<Func<Ticket, T>> select,
        Func<T, SortKeys> keysOf, CancellationToken ct, int skip = 0)
    {
        var segments = Orders[sort];
        Cursor? at = null;
        if (cursor is not null && !Cursor.TryParse(cursor, sort, out at))
            throw new FieldException("cursor", "cursor is not one this list gave out; start again from the first page.");
        if (at is null && skip > 0)
        {
            var passed = await ReadRowsAsync(tickets, segments, null, skip - 1, KeysOnly, ct);
            if (passed.Count < skip) return ([], null, null);
            at = CursorAt(sort, segments, passed[^1].Row, passed[^1].Segment, before: false);
        }
        var backward = at?.Before ?? false;
        var rows = await ReadRowsAsync(tickets, segments, at, size, select, ct);
        var more = rows.Count > size;
        if (more) rows.RemoveAt(rows.Count - 1);
        if (backward) rows.Reverse();
        if (rows.Count == 0) return ([], null, null);

        var hasPrevious = backward ? more : at is not null;
        var hasNext = backward || more;
        return (rows.Select(r => r.Row).ToList(),
            hasPrevious ? CursorAt(sort, segments, keysOf(rows[0].Row), rows[0].Segment, before: true).ToString() : null,
            hasNext ? CursorAt(sort, segments, keysOf(rows[^1].Row), rows[^1].Segment, before: false).ToString() : null);
    }

    private static readonly Expression<Func<Ticket, SortKeys>> KeysOnly = t => new SortKeys(t.SlaDueAt, t.Priority, t.CreatedAt, t.UpdatedAt, t.Id);

    /// <summary>Up to <paramref name="size"/> + 1 rows from the cursor on (or back), segment after segment.</summary>
    private static async Task<List<(T Row, int Segment)>> ReadRowsAsync<T>(IQueryable<Ticket> tickets, Segment[] segments, Cursor? at, int size,
        Expression<Func<Ticket, T>> select, CancellationToken ct)
    {
        var backward = at?.Before ?? false;
        var rows = new List<(T Row, int Segment)>();
        var start = at?.Segment ?? 0;
        for (var s = start; s >= 0 && s < segments.Length && rows.Count <= size; s += backward ? -1 : 1)
        {
            var segment = segments[s];
            var query = segment.Where is null ? tickets : tickets.Where(segment.Where);
            if (at is not null && s == start) query = query.Where(segment.Beyond(at.Values, backward));
            var found = await segment.Order(query, reverse: backward).Take(size + 1 - rows.Count).Select(select).ToListAsync(ct);
            rows.AddRange(found.Select(f => (f, s)));
        }
        return rows;
    }

    /// <summary>The cursor naming a row by its keys in the order (a page's first row, before it; its last, after it).</summary>
    private static Cursor CursorAt(string sort, Segment[] segments, SortKeys keys, int segment, bool before)
    {
        var values = segments[segment].Keys.Select(k => k.Name switch
            {
                nameof(Ticket.SlaDueAt) => (object?)keys.SlaDueAt,
                nameof(Ticket.Priority) => (int)keys.Priority,
                nameof(Ticket.CreatedAt) => keys.CreatedAt,
                nameof(Ticket.UpdatedAt) => keys.UpdatedAt,
                _ => keys.Id,
            }).ToArray();
        return new Cursor(sort, segment, before, values);
    }

    /// <summary>What the orders sort by, read with each row so its cursor needs no second query.</summary>
    public readonly record struct SortKeys(DateTime? SlaDueAt, Priority Priority, DateTime CreatedAt, DateTime UpdatedAt, long Id);

    /// <summary>One column of a sort key, as an expression EF translates.</summary>
    public sealed record Key(string Name, LambdaExpression Selector, Type Type)
    {
        public static Key Of<TValue>(Expression<Func<Ticket, TValue>> selector)
        {
            var body = selector.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : selector.Body;
            var name = ((MemberExpression)body).Member.Name;
            // The due instant is only compared where it is known (its segment says so).
            var type = Nullable.GetUnderlyingType(typeof(TValue)) ?? typeof(TValue);
            return new Key(name, selector, type);
        }
    }

    private sealed record Segment(Expression<Func<Ticket, bool>>? Where, Key[] Keys, bool Descending = false)
    {
        public IQueryable<Ticket> Order(IQueryable<Ticket> query, bool reverse)
        {
            var descending = Descending != reverse;
            IOrderedQueryable<Ticket>? ordered = null;
            foreach (var key in Keys)
            {
                var method = (ordered is null, descending) switch
                {
                    (true, false) => nameof(Queryable.OrderBy),
                    (true, true) => nameof(Queryable.OrderByDescending),
                    (false, false) => nameof(Queryable.ThenBy),
                    (false, true) => nameof(Queryable.ThenByDescending),
                };
                ordered = (IOrderedQueryable<Ticket>)query.Provider.CreateQuery<Ticket>(Expression.Call(typeof(Queryable), method,
                    [typeof(Ticket), key.Selector.ReturnType], (ordered ?? query).Expression, Expression.Quote(key.Selector)));
            }
            return ordered!;
        }

        /// <summary>
        /// Tickets whose key comes after (or before) <paramref name="values"/> in this order:
        /// k1 &gt; v1 OR (k1 = v1 AND (k2 &gt; v2 OR ...)), with k1 &gt;= v1 beside it so the index is sought, not scanned.
        /// </summary>
        public Expression<Func<Ticket, bool>> Beyond(object?[] values, bool backward)
        {
            var ticket = Expression.Parameter(typeof(Ticket), "t");
            var greater = Descending == backward;
            Expression? beyond = null;
            for (var i = Keys.Length - 1; i >= 0; i--)
            {
                var (column, value) = Operands(Keys[i], values[i], ticket);
                var past = greater ? Expression.GreaterThan(column, value) : Expression.LessThan(column, value);
                beyond = beyond is null ? past : Expression.OrElse(past, Expression.AndAlso(Expression.Equal(column, value), beyond));
            }
            var (first, firstValue) = Operands(Keys[0], values[0], ticket);
            var seek = greater ? Expression.GreaterThanOrEqual(first, firstValue) : Expression.LessThanOrEqual(first, firstValue);
            return Expression.Lambda<Func<Ticket, bool>>(Expression.AndAlso(seek, beyond!), ticket);
        }

        private static (Expression Column, Expression Value) Operands(Key key, object? value, ParameterExpression ticket)
        {
            var column = new ReplaceParameter(key.Selector.Parameters[0], ticket).Visit(key.Selector.Body);
            // A captured variable, so EF sends a parameter and reuses one plan for every page.
            var holder = Activator.CreateInstance(typeof(Holder<>).MakeGenericType(column.Type), Convert(value, column.Type))!;
            Expression field = Expression.Field(Expression.Constant(holder), "Value");
            if (!column.Type.IsEnum) return (column, field);
            // An enum is compared as C# compares it, both sides as their number: the database compares the
            // stored numbers, without casting the column.
            var number = Enum.GetUnderlyingType(column.Type);
            return (Expression.Convert(column, number), Expression.Convert(field, number));
        }

        // The priority is compared as itself, not cast to a number: a cast in the ORDER BY or the seek keeps
        // SQLite from using the indexes that hold the priority (the queue ordered by priority sorted every open ticket).
        private static object? Convert(object? value, Type type)
        {
            if (value is null) return null;
            var target = Nullable.GetUnderlyingType(type) ?? type;
            return target.IsEnum ? Enum.ToObject(target, value) : System.Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
        }
    }

    private sealed class Holder<TValue>(TValue value)
    {
        public readonly TValue Value = value;
    }

    private sealed class ReplaceParameter(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }

    /// <summary>
    /// Where a page starts or ends: the sort, the segment of it, and the key values of the ticket there.
    /// Written as base64url text; the sort is part of it, so a cursor of one order cannot page another.
    /// </summary>
    private sealed record Cursor(string Sort, int Segment, bool Before, object?[] Values)
    {
        public override string ToString()
        {
            var values = Values.Select(v => v switch
            {
                DateTime d => "d" + d.Ticks.ToString(CultureInfo.InvariantCulture),
                int n => "i" + n.ToString(CultureInfo.InvariantCulture),
                long n => "l" + n.ToString(CultureInfo.InvariantCulture),
                _ => "-",
            });
            var text = string.Join('~', new[] { "1", Sort, Segment.ToString(CultureInfo.InvariantCulture), Before ? "b" : "a" }.Concat(values));
            return Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        }

        public static bool TryParse(string cursor, string sort, out Cursor? parsed)
        {
            parsed = null;
            if (cursor.Length is 0 or > 200) return false;
            string text;
            try
            {
                var base64 = cursor.Replace('-', '+').Replace('_', '/');
                text = Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=')));
            }
            catch (FormatException)
            {
                return false;
            }
            var parts = text.Split('~');
            if (parts.Length < 5 || parts[0] != "1" || parts[1] != sort || !Orders.TryGetValue(sort, out var segments)
                || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var segment) || segment >= segments.Length
                || parts[3] is not ("a" or "b"))
                return false;
            var keys = segments[segment].Keys;
            if (parts.Length != 4 + keys.Length) return false;
            var values = new object?[keys.Length];
            for (var i = 0; i < keys.Length; i++)
            {
                var part = parts[4 + i];
                if (part.Length < 2 || !long.TryParse(part[1..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return false;
                values[i] = (part[0], keys[i].Type) switch
                {
                    ('d', var t) when t == typeof(DateTime) && n >= DateTime.MinValue.Ticks && n <= DateTime.MaxValue.Ticks => new DateTime(n, DateTimeKind.Utc),
                    ('i', var t) when (t == typeof(int) || t.IsEnum) && n is >= int.MinValue and <= int.MaxValue => (int)n,
                    ('l', var t) when t == typeof(long) => n,
                    _ => null,
                };
                if (values[i] is null) return false;
            }
            parsed = new Cursor(sort, segment, parts[3] == "b", values);
            return true;
        }
    }
}
