package com.hydracore.billing.adapter.persistence.sql;

import com.hydracore.billing.adapter.persistence.generated.DefaultSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.QOM;

/**
 * Fails any upsert whose {@code ON CONFLICT … DO UPDATE SET} a distributed PostgreSQL (Citus) could refuse: Citus
 * accepts only immutable expressions there, and jOOQ re-binding a value in that clause renders a cast of a parameter
 * ({@code cast(? as timestamp with time zone)}), which is not. An allow-list: each assigned value may only be
 *
 * <ul>
 *   <li>{@code EXCLUDED.<column>}, the row the insert proposed;</li>
 *   <li>a column of the target row itself ({@code usage_daily.tokens}, {@code last_day});</li>
 *   <li>a literal (number, string, boolean, null);</li>
 *   <li>{@code + - * /}, {@code | & #}, {@code ~}, {@code << >>} and parentheses over those;</li>
 *   <li>{@code CASE WHEN <condition> THEN <value> … ELSE <value> END} over those, a condition being comparisons
 *       ({@code = <> < <= > >=}) of those joined by {@code AND}, {@code OR}, {@code NOT}: a last-day row keeps or
 *       replaces its month's days by comparing its month with EXCLUDED's. Citus accepts it, every part being
 *       immutable.</li>
 * </ul>
 *
 * Anything else is refused: a bound value, a cast, a function call (also those written without parentheses, such as
 * {@code current_timestamp}), a subquery, a typed literal.
 *
 * <p>It judges twice. jOOQ's query model, on every engine: the upsert the adapter built, whatever the dialect renders
 * from it (on H2 jOOQ renders a {@code MERGE}, with {@code EXCLUDED} becoming the source row and {@code |} becoming
 * {@code bitor(…)}). And, on PostgreSQL only, the SQL text that is sent, which is what Citus judges: a jOOQ or driver
 * upgrade that renders a cast or a function into the clause fails here even when the model is unchanged. H2's
 * rendered {@code MERGE} is not judged as text: H2 is never distributed, and its usage writer has no upsert at all
 * (it reads, deletes and re-inserts rows with plain statements).
 */
public final class UpsertSetGuard implements ExecuteListener {

    private static final long serialVersionUID = 1L;

    /** The binary operators an assigned value may use; {@code #} is PostgreSQL's XOR. */
    private static final Set<String> OPERATORS = Set.of("+", "-", "*", "/", "|", "&", "#", "~", "<<", ">>");

    /** The comparisons a CASE's condition may use. */
    private static final Set<String> COMPARISONS = Set.of("=", "<>", "!=", "<", "<=", ">", ">=");

    /** The words of a searched CASE and of its conditions. */
    private static final Set<String> CASE_WORDS = Set.of("case", "when", "then", "else", "end", "and", "or", "not");

    private static final Set<String> LITERAL_WORDS = Set.of("null", "true", "false");

    private static final Pattern INSERT_INTO = Pattern.compile(
            "(?is)^\\s*insert\\s+into\\s+(\"(?:[^\"]|\"\")+\"|[a-z_][a-z0-9_$]*)(?:\\s+as\\s+(\"(?:[^\"]|\"\")+\"|[a-z_][a-z0-9_$]*))?");

    @Override
    public void executeStart(ExecuteContext ctx) {
        List<String> problems = new ArrayList<>();
        if (ctx.query() != null) {
            problems.addAll(problems(ctx.query()));
        } else {
            for (Query query : ctx.batchQueries()) {
                problems.addAll(problems(query));
            }
        }
        if (ctx.dialect().family() == SQLDialect.POSTGRES) {
            if (ctx.sql() != null) {
                problems.addAll(problemsOfSql(ctx.sql()));
            } else {
                for (String sql : ctx.batchSQL()) {
                    problems.addAll(problemsOfSql(sql));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new UpsertViolation(String.join("; ", problems) + ": " + ctx.sql());
        }
    }

    /** What is wrong with the update clause of {@code query}, judged on jOOQ's query model; empty when nothing is. */
    public static List<String> problems(Query query) {
        QOM.Insert<?> insert = query instanceof QOM.Insert<?> i ? i
                : query instanceof QOM.InsertReturning<?> r ? r.$insert() : null;
        if (insert == null || insert.$updateSet().isEmpty()) {
            return List.of();
        }
        Table<?> target = insert.$into();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<?, ?> assignment : insert.$updateSet().entrySet()) {
            if (!(assignment.getKey() instanceof Field<?> column) || !isColumnOf(column, target)) {
                problems.add("DO UPDATE SET of " + target.getName() + " assigns " + assignment.getKey()
                        + ", not one of its columns");
                continue;
            }
            judge(assignment.getValue(), target).ifPresent(what -> problems.add("DO UPDATE SET "
                    + column.getName() + " of " + target.getName() + " takes " + what));
        }
        return problems;
    }

    /** What in {@code value} is not allowed in an update clause of {@code target}, if anything. */
    private static Optional<String> judge(Object value, Table<?> target) {
        if (value instanceof QOM.Excluded<?> excluded) {
            return target.field(excluded.$field().getName()) != null ? Optional.empty()
                    : Optional.of("EXCLUDED." + excluded.$field().getName() + ", not a column of the table");
        }
        if (value instanceof TableField<?, ?> column) {
            return isColumnOf(column, target) ? Optional.empty()
                    : Optional.of("column " + column + " of another table");
        }
        if (value instanceof Param<?> param) {
            if (!param.isInline()) {
                return Optional.of("a bound value (" + param + "): take it from EXCLUDED");
            }
            Object literal = param.getValue();
            return literal == null || literal instanceof Number || literal instanceof Boolean
                    || literal instanceof String ? Optional.empty() : Optional.of("a typed literal (" + param + ")");
        }
        if (value instanceof QOM.CaseSearched<?> choice) {
            List<Object> parts = new ArrayList<>();
            choice.$when().forEach(when -> {
                parts.add(when.$1());
                parts.add(when.$2());
            });
            if (choice.$else() != null) {
                parts.add(choice.$else());
            }
            return parts.stream().map(part -> judge(part, target)).flatMap(Optional::stream).findFirst();
        }
        List<?> operands = operands(value);
        if (!operands.isEmpty()) {
            return operands.stream().map(operand -> judge(operand, target)).flatMap(Optional::stream).findFirst();
        }
        if (value instanceof QOM.Cast<?> || value instanceof QOM.Coerce<?>) {
            return Optional.of("a cast (" + value + ")");
        }
        return Optional.of("a function call or another expression (" + value + ", "
                + value.getClass().getSimpleName() + ")");
    }

    /** The operands of an allowed operator (arithmetic or bitwise), or nothing when {@code value} is not one. */
    private static List<?> operands(Object value) {
        if (value instanceof QOM.Add<?> op) {
            return List.of(op.$arg1(), op.$arg2());
        } else if (value instanceof QOM.Sub<?> op) {
            return List.of(op.$arg1(), op.$arg2());
        } else if (value instanceof QOM.Mul<?> op) {
            return List.of(op.$arg1(), op.$arg2());
        } else if (value instanceof QOM.Div<?> op) {
            return List.of(op.$arg1(), op.$arg2());
        } else if (value instanceof QOM.BitAnd<?> op) {
            return List.of(op.$arg1(), op.$arg2());
        } else if (value instanceof QOM.BitOr<?> op) {
            return List.of(op.$arg1(), op.$arg2());
        } else if (value instanceof QOM.BitXor<?> op) {
            return List.of(op.$arg1(), op.$arg2());
        } else if (value instanceof QOM.Shl<?> op) {
            return List.of(op.$arg1(), op.$arg2());
        } else if (value instanceof QOM.Shr<?> op) {
            return List.of(op.$arg1(), op.$arg2());
        } else if (value instanceof QOM.BitNot<?> op) {
            return List.of(op.$arg1());
        } else if (value instanceof QOM.Neg<?> op) {
            return List.of(op.$arg1());
        } else if (value instanceof QOM.CompareCondition<?, ?> op) {
            // a CASE's condition: =, <>, <, <=, >, >=
            return List.of(op.$arg1(), op.$arg2());
        } else if (value instanceof QOM.CombinedCondition<?> op) {
            return List.of(op.$arg1(), op.$arg2());
        } else if (value instanceof QOM.Not op) {
            return List.of(op.$arg1());
        } else if (value instanceof QOM.FieldCondition op) {
            return List.of(op.$field());
        }
        return List.of();
    }

    private static boolean isColumnOf(Field<?> field, Table<?> target) {
        return field instanceof TableField<?, ?> column && column.getTable() != null
                && column.getTable().getName().equals(target.getName()) && target.field(column.getName()) != null;
    }

    /**
     * What is wrong with the {@code DO UPDATE SET} clause of {@code sql}, PostgreSQL as sent, judged on its tokens;
     * empty when nothing is, or when it has no such clause.
     */
    public static List<String> problemsOfSql(String sql) {
        List<Token> tokens = Token.of(sql);
        int set = clauseStart(tokens);
        if (set < 0) {
            return List.of();
        }
        Matcher into = INSERT_INTO.matcher(sql);
        if (!into.find()) {
            return List.of("DO UPDATE SET in a statement that is not an INSERT INTO a named table");
        }
        String table = unquote(into.group(1));
        Set<String> qualifiers = into.group(2) == null ? Set.of(table, "excluded")
                : Set.of(table, unquote(into.group(2)), "excluded");
        Table<?> target = DefaultSchema.DEFAULT_SCHEMA.getTable(table);
        List<String> problems = new ArrayList<>();
        int depth = 0;
        boolean expectColumn = true;
        for (int i = set; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (depth == 0 && t.isWord() && (t.is("where") || t.is("returning"))) {
                break;
            }
            if (expectColumn) {
                // the assigned column, then '='
                if (!t.isName() || t.parts().size() != 1 || i + 1 >= tokens.size() || !tokens.get(i + 1).is("=")) {
                    problems.add("DO UPDATE SET must assign one column at a time, found " + t.text());
                    break;
                }
                i++;
                expectColumn = false;
                continue;
            }
            if (t.is("(")) {
                depth++;
            } else if (t.is(")")) {
                depth--;
            } else if (t.is(",") && depth == 0) {
                expectColumn = true;
            } else if (t.kind() == Token.Kind.LITERAL) {
                if (i + 1 < tokens.size() && tokens.get(i + 1).is("::")) {
                    problems.add("a cast in DO UPDATE SET: " + t.text() + "::");
                }
            } else if (t.isWord() && CASE_WORDS.contains(t.text().toLowerCase(Locale.ROOT))) {
                continue;
            } else if (t.isName()) {
                String problem = nameProblem(t, tokens, i, qualifiers, target);
                if (problem != null) {
                    problems.add(problem);
                }
            } else if (!OPERATORS.contains(t.text()) && !COMPARISONS.contains(t.text())) {
                problems.add("'" + t.text() + "' in DO UPDATE SET" + (t.is("::") ? " (a cast)"
                        : t.is("?") || t.text().startsWith("$") ? " (a bound value)" : ""));
            }
        }
        return problems;
    }

    private static String nameProblem(Token t, List<Token> tokens, int i, Set<String> qualifiers, Table<?> target) {
        if (i + 1 < tokens.size() && tokens.get(i + 1).is("(")) {
            return "a function call in DO UPDATE SET: " + t.text() + "(…)";
        }
        if (i + 1 < tokens.size() && tokens.get(i + 1).is("::")) {
            return "a cast in DO UPDATE SET: " + t.text() + "::";
        }
        List<String> parts = t.parts();
        if (parts.size() == 1 && !t.quoted() && LITERAL_WORDS.contains(parts.get(0))) {
            return null;
        }
        String column = parts.get(parts.size() - 1);
        boolean qualifiedWell = parts.size() == 1 || parts.size() == 2 && qualifiers.contains(parts.get(0));
        boolean known = target == null ? parts.size() == 2 : target.field(column) != null;
        return qualifiedWell && known ? null
                : "'" + t.text() + "' in DO UPDATE SET is not EXCLUDED's or the row's own column";
    }

    /** The index of the first token after {@code DO UPDATE SET} outside any parentheses, or -1. */
    private static int clauseStart(List<Token> tokens) {
        int depth = 0;
        for (int i = 0; i + 2 < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.is("(")) {
                depth++;
            } else if (t.is(")")) {
                depth--;
            } else if (depth == 0 && t.is("do") && tokens.get(i + 1).is("update") && tokens.get(i + 2).is("set")) {
                return i + 3;
            }
        }
        return -1;
    }

    private static String unquote(String name) {
        return name.startsWith("\"") ? name.substring(1, name.length() - 1).replace("\"\"", "\"")
                : name.toLowerCase(Locale.ROOT);
    }

    /** One lexical token of PostgreSQL SQL, as much of the language as an update clause can hold. */
    record Token(Kind kind, String text, List<String> parts, boolean quoted) {

        enum Kind { NAME, LITERAL, SYMBOL }

        boolean is(String word) {
            return kind != Kind.LITERAL && !quoted && text.equalsIgnoreCase(word);
        }

        boolean isWord() {
            return kind == Kind.NAME && !quoted && parts.size() == 1;
        }

        boolean isName() {
            return kind == Kind.NAME;
        }

        static List<Token> of(String sql) {
            List<Token> tokens = new ArrayList<>();
            int i = 0;
            int n = sql.length();
            while (i < n) {
                char c = sql.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '\'') {
                    int end = i + 1;
                    while (end < n && !(sql.charAt(end) == '\'' && (end + 1 >= n || sql.charAt(end + 1) != '\''))) {
                        end += sql.charAt(end) == '\'' ? 2 : 1;
                    }
                    tokens.add(new Token(Kind.LITERAL, sql.substring(i, Math.min(n, end + 1)), List.of(), false));
                    i = end + 1;
                } else if (Character.isDigit(c)) {
                    int end = i;
                    while (end < n && (Character.isDigit(sql.charAt(end)) || sql.charAt(end) == '.')) {
                        end++;
                    }
                    tokens.add(new Token(Kind.LITERAL, sql.substring(i, end), List.of(), false));
                    i = end;
                } else if (c == '"' || Character.isLetter(c) || c == '_') {
                    // a possibly qualified name: part(.part)*, each part quoted or not
                    List<String> parts = new ArrayList<>();
                    boolean quoted = false;
                    int end = i;
                    while (true) {
                        if (end < n && sql.charAt(end) == '"') {
                            int close = end + 1;
                            while (close < n && !(sql.charAt(close) == '"'
                                    && (close + 1 >= n || sql.charAt(close + 1) != '"'))) {
                                close += sql.charAt(close) == '"' ? 2 : 1;
                            }
                            parts.add(sql.substring(end + 1, Math.min(n, close)).replace("\"\"", "\""));
                            quoted = true;
                            end = close + 1;
                        } else {
                            int start = end;
                            while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_'
                                    || sql.charAt(end) == '$')) {
                                end++;
                            }
                            parts.add(sql.substring(start, end).toLowerCase(Locale.ROOT));
                        }
                        if (end < n && sql.charAt(end) == '.') {
                            end++;
                        } else {
                            break;
                        }
                    }
                    tokens.add(new Token(Kind.NAME, sql.substring(i, Math.min(n, end)), List.copyOf(parts), quoted));
                    i = end;
                } else {
                    String two = i + 1 < n ? sql.substring(i, i + 2) : "";
                    boolean pair = Set.of("::", "<<", ">>", "||", "<>", "!=", "<=", ">=", "->").contains(two);
                    int end = pair ? i + 2 : i + 1;
                    if (c == '$') {
                        while (end < n && Character.isDigit(sql.charAt(end))) {
                            end++;
                        }
                    }
                    tokens.add(new Token(Kind.SYMBOL, sql.substring(i, end), List.of(), false));
                    i = end;
                }
            }
            return tokens;
        }
    }

    /** An upsert a distributed PostgreSQL would refuse. */
    public static final class UpsertViolation extends AssertionError {
        private static final long serialVersionUID = 1L;

        UpsertViolation(String message) {
            super(message);
        }
    }
}
