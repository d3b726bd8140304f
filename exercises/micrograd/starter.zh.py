"""一个微型自动微分引擎：一个记得自己如何被计算出来的标量 Value，以及 backward()。

这就是 torch.autograd 所做的事，只不过对象是单个数：每个运算都记录它的输入，以及如何把梯度
送回给它们；backward() 从输出到叶子节点重放这些记录。只用普通的 Python float 和 math 模块；
不许使用 torch.autograd。

示例：a 被用了两次，所以它的梯度是两处使用之和，2·a + 1 = 7。
    >>> a = Value(3.0)
    >>> b = a * a + a
    >>> b.data
    12.0
    >>> b.backward()
    >>> a.grad
    7.0

一个共享节点：c 参与两个乘积，必须先收集 2 + 3，再把它传给 x。
    >>> x = Value(3.0)
    >>> c = x + 1
    >>> e = c * 2 + c * 3
    >>> e.backward()
    >>> x.grad
    5.0
"""
import math


class Value:
    """表达式图中的一个标量。

    Value(data) 保存一个数：.data（一个 float）和 .grad（初始为 0.0）。

    它支持 a + b、a - b、a * b、a / b，其中任一边都可以是 Value 或普通 Python 数字
    （所以 2 + a 和 a / 2.0 也能用），a ** n（n 为数字），以及 a.tanh()、a.exp()、
    a.relu()。每个运算都返回一个全新的 Value。

    out.backward() 把 out.grad 设为 1.0，并填好计算出 out 的每个 Value 的 .grad：out 对它的导数。
    每个节点只有在所有使用它的节点都把梯度送给它之后，才能把自己的梯度传下去（拓扑序，从输出往回），
    而且梯度要累加（不是覆盖）：被用了两次的 Value 会得到两份贡献。
    """

    def __init__(self, data):
        raise NotImplementedError

    def backward(self):
        raise NotImplementedError
