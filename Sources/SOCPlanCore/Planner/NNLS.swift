/// Non-negative least squares: the x ≥ 0 that minimises ‖A x − b‖ (Lawson and Hanson, *Solving
/// Least Squares Problems*, 1974, chapter 23). Pure; small dense problems.
///
/// Cost: each iteration solves one least-squares problem on the passive columns by Householder QR,
/// O(m k²) for m rows and k passive columns; at most 3n outer iterations.
public enum NNLS {
    /// The solution, or nil when the shapes disagree.
    ///
    /// `a` is m rows of n columns. A column that cannot lower the residual stays at 0.
    public static func solve(_ a: [[Double]], _ b: [Double], maxIterations: Int? = nil) -> [Double]? {
        let m = a.count
        guard m == b.count, let n = a.first?.count, n > 0, a.allSatisfy({ $0.count == n }) else { return nil }
        let norm1 = (0..<n).map { j in a.reduce(0) { $0 + abs($1[j]) } }.max() ?? 0
        let tolerance = 10 * Double.ulpOfOne * norm1 * Double(max(m, n))
        var x = [Double](repeating: 0, count: n)
        var passive = [Bool](repeating: false, count: n)
        var iterations = 0
        let limit = maxIterations ?? 3 * n
        func gradient() -> [Double] {
            let residual = (0..<m).map { i in b[i] - dot(a[i], x) }
            return (0..<n).map { j in (0..<m).reduce(0) { $0 + a[$1][j] * residual[$1] } }
        }
        var w = gradient()
        while iterations < limit {
            // The active variable whose increase lowers the residual most joins the passive set.
            guard let t = (0..<n).filter({ !passive[$0] && w[$0] > tolerance }).max(by: { w[$0] < w[$1] }) else {
                break
            }
            passive[t] = true
            iterations += 1
            while true {
                let columns = (0..<n).filter { passive[$0] }
                let z = leastSquares(a, b, columns: columns)
                var s = [Double](repeating: 0, count: n)
                for (k, j) in columns.enumerated() { s[j] = z[k] }
                if columns.allSatisfy({ s[$0] > tolerance }) {
                    x = s
                    break
                }
                // Step from x towards s as far as every variable stays non-negative.
                var alpha = Double.infinity
                for j in columns where s[j] <= tolerance {
                    let denominator = x[j] - s[j]
                    if denominator > 0 { alpha = min(alpha, x[j] / denominator) }
                }
                if !alpha.isFinite { alpha = 0 }
                for j in 0..<n { x[j] += alpha * (s[j] - x[j]) }
                for j in columns where x[j] <= tolerance {
                    passive[j] = false
                    x[j] = 0
                }
                if !passive.contains(true) { break }
            }
            w = gradient()
        }
        return x
    }

    /// The unconstrained least-squares solution on `columns` of `a` by Householder QR; a column
    /// that depends on the ones before it gets 0.
    static func leastSquares(_ a: [[Double]], _ b: [Double], columns: [Int]) -> [Double] {
        let m = a.count
        let k = columns.count
        var r = a.map { row in columns.map { row[$0] } }
        var y = b
        var diagonal = [Double](repeating: 0, count: k)
        let scale = columns.map { j in a.reduce(0) { max($0, abs($1[j])) } }.max() ?? 0
        for c in 0..<min(k, m) {
            var norm = 0.0
            for i in c..<m { norm += r[i][c] * r[i][c] }
            norm = norm.squareRoot()
            if norm <= 1e-12 * max(scale, 1e-300) {
                diagonal[c] = 0
                continue
            }
            let alpha = r[c][c] > 0 ? -norm : norm
            var v = [Double](repeating: 0, count: m)
            for i in c..<m { v[i] = r[i][c] }
            v[c] -= alpha
            let vv = (c..<m).reduce(0) { $0 + v[$1] * v[$1] }
            guard vv > 0 else {
                diagonal[c] = r[c][c]
                continue
            }
            for j in c..<k {
                let projection = (c..<m).reduce(0) { $0 + v[$1] * r[$1][j] } * 2 / vv
                for i in c..<m { r[i][j] -= projection * v[i] }
            }
            let projection = (c..<m).reduce(0) { $0 + v[$1] * y[$1] } * 2 / vv
            for i in c..<m { y[i] -= projection * v[i] }
            diagonal[c] = r[c][c]
        }
        var z = [Double](repeating: 0, count: k)
        for c in stride(from: min(k, m) - 1, through: 0, by: -1) {
            guard abs(diagonal[c]) > 1e-12 * max(scale, 1e-300) else { continue }
            var sum = y[c]
            for j in (c + 1)..<k { sum -= r[c][j] * z[j] }
            z[c] = sum / diagonal[c]
        }
        return z
    }

    /// The numerical rank of `a`: Householder QR with column pivoting, counting the pivots larger
    /// than `relativeTolerance` × the first.
    public static func rank(_ a: [[Double]], relativeTolerance: Double = 1e-6) -> Int {
        let m = a.count
        guard let n = a.first?.count, m > 0, n > 0 else { return 0 }
        var r = a
        var order = Array(0..<n)
        var first = 0.0
        var rank = 0
        for c in 0..<min(m, n) {
            // Pivot: the remaining column with the largest norm below row c.
            let norms = (c..<n).map { j in (c..<m).reduce(0) { $0 + r[$1][order[j]] * r[$1][order[j]] } }
            guard let best = norms.indices.max(by: { norms[$0] < norms[$1] }) else { break }
            order.swapAt(c, c + best)
            let column = order[c]
            let norm = norms[best].squareRoot()
            if c == 0 { first = norm }
            if norm <= relativeTolerance * first || norm == 0 { break }
            rank += 1
            let alpha = r[c][column] > 0 ? -norm : norm
            var v = [Double](repeating: 0, count: m)
            for i in c..<m { v[i] = r[i][column] }
            v[c] -= alpha
            let vv = (c..<m).reduce(0) { $0 + v[$1] * v[$1] }
            guard vv > 0 else { continue }
            for j in c..<n {
                let target = order[j]
                let projection = (c..<m).reduce(0) { $0 + v[$1] * r[$1][target] } * 2 / vv
                for i in c..<m { r[i][target] -= projection * v[i] }
            }
        }
        return rank
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
}
