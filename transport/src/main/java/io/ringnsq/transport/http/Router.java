package io.ringnsq.transport.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Method-and-path routing as upstream's julienschmidt/httprouter does it for NSQ's daemons: exact
 * paths, or a last segment that is a parameter ({@code /config/:opt}); a path with no route is
 * NOT_FOUND; a path with routes for other methods is METHOD_NOT_ALLOWED with the sorted {@code Allow}
 * list ({@code OPTIONS} included), which is also what an {@code OPTIONS} request gets.
 *
 * @param <T> what a route leads to (an endpoint id, a handler).
 */
public final class Router<T>
{
    /** A routing outcome: a route's target and parameter, or why there is none. */
    public record Match<T>(T target, String param, String allow)
    {
        public boolean found()
        {
            return target != null;
        }

        /** No route for this method, but routes for others: answer 405 with {@link #allow()}. */
        public boolean methodNotAllowed()
        {
            return target == null && allow != null;
        }
    }

    private final Map<String, Map<String, T>> exact = new HashMap<>();
    private final Map<String, Map<String, T>> prefixed = new HashMap<>();

    /** Adds a route; a path ending in {@code /:name} matches any single last segment. */
    public Router<T> add(final String method, final String path, final T target)
    {
        final int colon = path.lastIndexOf("/:");
        if (colon >= 0)
        {
            prefixed.computeIfAbsent(path.substring(0, colon + 1), k -> new HashMap<>()).put(method, target);
        }
        else
        {
            exact.computeIfAbsent(path, k -> new HashMap<>()).put(method, target);
        }
        return this;
    }

    public Match<T> route(final String method, final String path)
    {
        Map<String, T> byMethod = exact.get(path);
        String param = null;
        if (byMethod == null)
        {
            final int slash = path.lastIndexOf('/');
            if (slash >= 0 && slash < path.length() - 1)
            {
                byMethod = prefixed.get(path.substring(0, slash + 1));
                param = path.substring(slash + 1);
            }
        }
        if (byMethod == null)
        {
            return new Match<>(null, null, null);
        }
        final T target = byMethod.get(method);
        if (target != null && !"OPTIONS".equals(method))
        {
            return new Match<>(target, param, null);
        }
        final TreeSet<String> allowed = new TreeSet<>(byMethod.keySet());
        allowed.add("OPTIONS");
        return new Match<>(null, null, String.join(", ", new ArrayList<>(allowed)));
    }

    /** Whether some method has a route for {@code path}. */
    public boolean hasPath(final String path)
    {
        return route("OPTIONS", path).allow() != null;
    }

    /** Every routed path, for tests and documentation. */
    public List<String> paths()
    {
        final List<String> paths = new ArrayList<>(exact.keySet());
        prefixed.keySet().forEach(p -> paths.add(p + ":param"));
        return paths;
    }
}
