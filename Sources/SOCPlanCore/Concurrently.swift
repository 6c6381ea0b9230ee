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

    /// Runs `produce` on another thread while the calling thread takes each value it sends, in
    /// order, as it comes: for work that must stay on the calling thread (a database connection
    /// bound to it) fed by work that need not. Returns what `produce` returns, once every value it
    /// sent has been taken. Sending waits while `limit` values wait to be taken: a producer faster
    /// than the taker does not pile up what it makes.
    public static func pipeline<Value: Sendable, Result: Sendable>(
        limit: Int = 8, _ produce: @escaping @Sendable (_ send: @escaping @Sendable (Value) -> Void) -> Result,
        take: (Value) -> Void
    ) -> Result {
        let channel = Channel<Value, Result>(limit: limit)
        DispatchQueue.global().async { channel.finish(produce(channel.send)) }
        while true {
            switch channel.next() {
            case .value(let value): take(value)
            case .end(let result): return result
            }
        }
    }

    /// The values sent and not yet taken, then the producer's result; one signal of `ready` for
    /// each, and one of `room` for each value taken.
    private final class Channel<Value, Result>: @unchecked Sendable {
        enum Next {
            case value(Value)
            case end(Result)
        }

        private let access = DispatchQueue(label: "Concurrently.pipeline")
        private let ready = DispatchSemaphore(value: 0)
        private let room: DispatchSemaphore
        private var values: [Value] = []
        private var result: Result?

        init(limit: Int) { room = DispatchSemaphore(value: limit) }

        func send(_ value: Value) {
            room.wait()
            access.sync { values.append(value) }
            ready.signal()
        }

        func finish(_ result: Result) {
            access.sync { self.result = result }
            ready.signal()
        }

        /// Waits for the next value, or for the result once every value is taken.
        func next() -> Next {
            ready.wait()
            let next: Next = access.sync { values.isEmpty ? .end(result!) : .value(values.removeFirst()) }
            if case .value = next { room.signal() }
            return next
        }
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

/// A value handed to work on another thread, which takes it out: no reference stays behind, so
/// the work can let go of its parts as it goes (a closure that captured it would keep it whole).
public final class Handover<Value: Sendable>: @unchecked Sendable {
    private let access = DispatchQueue(label: "Handover")
    private var value: Value?

    public init(_ value: consuming Value) { self.value = value }

    /// The value; taken once.
    public func take() -> Value {
        access.sync {
            defer { value = nil }
            return value!
        }
    }
}
