"""梯度检验：用数值方法估计梯度，并度量两个梯度相差多远。

数值梯度是检验手写反向传播的方法：轻推一个输入，看输出如何变化。这里不许使用 autograd
（torch.autograd、.backward()、torch.func）：关键就在于不借助它算出梯度。
"""
import torch


def numerical_gradient(f, x, h=1e-5):
    """用中心差分估计标量函数 f 在 x 处的梯度。

    参数：
        f: 一个函数，接收形状与 x 相同的张量，返回一个标量（0 维张量）。
        x: 任意形状的浮点张量（求梯度的点）。探测时你可以改动它的元素，
           但返回时 x 必须与进入函数时的值完全相同。
        h: 步子（有限差分的间隔）。1e-5 适合 float64。

    返回：
        一个形状与 x 相同的张量，dtype 和 device 与 x 相同：第 i 个元素估计 ∂f/∂x[i]。

    示例：f(x) = Σ x³，它在 x = [1, −2] 处的精确梯度是 3x² = [3, 12]。较大的步子
    h = 0.1 让估计本身的小误差显现出来（这里中心差分偏离 h² = 0.01），而且 x 必须原样返回：
        >>> x = torch.tensor([1.0, -2.0], dtype=torch.float64)
        >>> numerical_gradient(lambda v: (v ** 3).sum(), x, h=0.1)
        tensor([ 3.0100, 12.0100], dtype=torch.float64)
        >>> x
        tensor([ 1., -2.], dtype=torch.float64)
    """
    raise NotImplementedError


def relative_error(a, b):
    """两个同形状张量之间最大的逐元素相对误差，返回一个 float。

    单个元素的相对误差 = |a − b| / max(1e-8, |a| + |b|)

    示例（max(0.1 / 2.1, 0 / 4) ≈ 0.047619）：
        >>> relative_error(torch.tensor([1.0, 2.0]), torch.tensor([1.1, 2.0]))
        0.0476
    """
    raise NotImplementedError
