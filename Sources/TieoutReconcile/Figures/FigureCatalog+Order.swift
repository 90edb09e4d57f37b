extension FigureCatalog {
    /// The definitions in an order that computes every figure after the figures it is computed
    /// from, otherwise in the catalog's order: an override of a built-in figure that uses a
    /// figure the workspace adds (defined after it) is computed once that figure is. A walk
    /// with an explicit stack (figures come from users' files, so no recursion); a figure
    /// that is part of a cycle, which `checkReferences` refuses, keeps its place.
    public var evaluationOrder: [FigureDefinition] {
        var placed = Set<String>(), onStack = Set<String>()
        var order: [FigureDefinition] = []
        order.reserveCapacity(definitions.count)
        for root in definitions where !placed.contains(root.id) {
            // Each frame: a figure and how many of its references are done.
            var stack: [(id: String, next: Int)] = [(root.id, 0)]
            onStack.insert(root.id)
            while let top = stack.last {
                let d = self[top.id]!
                if top.next < d.references.count {
                    stack[stack.count - 1].next += 1
                    let r = d.references[top.next]
                    if !placed.contains(r), !onStack.contains(r), self[r] != nil {
                        stack.append((r, 0))
                        onStack.insert(r)
                    }
                } else {
                    stack.removeLast()
                    onStack.remove(top.id)
                    placed.insert(top.id)
                    order.append(d)
                }
            }
        }
        return order
    }
}
