import Dispatch

/// Runs independent, pure pieces of work side by side on the machine's cores.
public enum Concurrently {
    /// `transform` of each element, in order; the calls run concurrently.
    public static func map<C: RandomAccessCollection, T: Sendable>(
        _ elements: C, _ transform: @Sendable (C.Element) -> T
    ) -> [T] where C: Sendable, C.Element: Sendable {
        let items = Array(elements)
        let results = Slots<T>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            results.set(index, transform(items[index]))
        }
        return results.values()
    }

    /// One slot per piece of work: each is written by one thread, and read after all have finished.
    private final class Slots<T>: @unchecked Sendable {
        private let buffer: UnsafeMutableBufferPointer<T?>

        init(count: Int) {
            buffer = .allocate(capacity: count)
            buffer.initialize(repeating: nil)
        }

        deinit {
            buffer.deinitialize()
            buffer.deallocate()
        }

        func set(_ index: Int, _ value: T) { buffer[index] = value }

        func values() -> [T] { buffer.map { $0! } }
    }
}
