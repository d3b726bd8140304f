"""把原文的训练循环（第 10 课）封装起来：一个优化步，以及在测试集上的评估。

评分器会交给你一个模型、一个优化器（torch.optim.SGD）和一个损失函数（nn.CrossEntropyLoss）；
请使用交给你的这些对象，不要自己另建。
"""
import torch


def train_step(model, inputs, labels, optimizer, loss_fn):
    """在一个批量上恰好执行一个优化步，并返回它的损失。

    参数：
        model:     处于训练模式的 nn.Module，把 (N, …) 的输入映射为 (N, C) 的 logits。
        inputs:    (N, …) 一个批量的样本。
        labels:    (N,) int64 类别索引。
        optimizer: 作用于 model.parameters() 的优化器，例如 torch.optim.SGD(..., momentum=0.9)。
        loss_fn:   例如 nn.CrossEntropyLoss()；loss_fn(outputs, labels) 是一个 0 维张量。

    返回：
        这个批量在更新*之前*的损失，类型为 Python float。

    和第 10 课的循环一样，每个批量调用一次：
        for inputs, labels in trainloader:
            running_loss += train_step(net, inputs, labels, optimizer, criterion)

    示例（一个从零开始的二分类线性模型，学习率为 1 的普通 SGD，在同一个批量上走三步）：
        >>> model = nn.Linear(2, 2, bias=False)
        >>> _ = nn.init.zeros_(model.weight)
        >>> opt = torch.optim.SGD(model.parameters(), lr=1.0)
        >>> x, y = torch.tensor([[1.0, 0.0], [0.0, 1.0]]), torch.tensor([0, 1])
        >>> [round(train_step(model, x, y, opt, nn.CrossEntropyLoss()), 4) for _ in range(3)]
        [0.6931, 0.4741, 0.3477]
    """
    raise NotImplementedError


def evaluate(model, loader):
    """模型在加载器给出的全部样本上的准确率，以 [0, 1] 内的比例表示。

    参数：
        model:  把 (N, …) 的输入映射为 (N, C) 的 logits 的 nn.Module。它传进来时可能处于训练模式
                （刚训练完时通常如此），并且可能包含暂退法（dropout）或批量规范化（batch norm）。
        loader: 一个产生 (inputs, labels) 批量的可迭代对象：可以是 DataLoader，也可以就是一个元组列表。
                各批量的大小可能不同（最后一个往往更小）。

    返回：
        一个 Python float：（argmax logit 等于标签的样本数）/（样本总数）。
        一个样本的预测值就是它最大 logit 的索引。

    示例（nn.Identity() 原样输出它的输入，所以下面的「输入」就是 logits）：
        >>> batches = [(torch.tensor([[0.0, 1.0, 5.0], [3.0, 1.0, 0.0], [0.0, 2.0, 1.0]]), torch.tensor([2, 1, 1])),
        ...            (torch.tensor([[5.0, 4.0, 0.0], [5.0, 0.0, 0.0]]), torch.tensor([0, 0]))]
        >>> evaluate(nn.Identity(), batches)         # predictions [2, 0, 1] and [0, 0]: 4 of 5 right
        0.8
        >>> evaluate(nn.BatchNorm1d(3), batches)     # arrives in training mode; in eval mode it is ≈ the identity
        0.8
    """
    raise NotImplementedError
