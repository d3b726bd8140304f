"""The cnn demo's fast pooling and FastNet compute exactly what max_pool2d and the article's Net do."""
from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F

from tutor.demos.cnn import FastNet, Net
from tutor.demos.pooling import max_pool_2x2


def _pool_and_grad(pool, x: torch.Tensor, grad_out: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    x = x.detach().requires_grad_()
    out = pool(x)
    out.backward(grad_out)
    return out.detach(), x.grad


SHAPES = [(4, 3, 28, 28), (2, 5, 7, 9), (3, 6, 6), (1, 1, 2, 2), (2, 3, 11, 4), (1, 2, 4, 300)]


@pytest.mark.parametrize("shape", SHAPES, ids=str)
@pytest.mark.parametrize("channels_last", [False, True], ids=["nchw", "channels_last"])
@pytest.mark.parametrize("ties", [False, True], ids=["distinct", "many_ties"])
def test_max_pool_2x2_equals_max_pool2d_in_values_and_gradients(shape, channels_last, ties):
    generator = torch.Generator().manual_seed(len(shape) * 100 + shape[-1])
    if ties:  # five values only: most windows hold equal maxima, and max_pool2d's pick among them matters
        x = torch.randint(-2, 3, shape, generator=generator).float()
    else:
        x = torch.randn(shape, generator=generator)
    if channels_last and x.dim() == 4:
        x = x.contiguous(memory_format=torch.channels_last)
    grad_out = torch.randn(F.max_pool2d(x, 2, 2).shape, generator=generator)

    expected, expected_grad = _pool_and_grad(lambda t: F.max_pool2d(t, 2, 2), x, grad_out)
    got, got_grad = _pool_and_grad(max_pool_2x2, x, grad_out)

    assert got.shape == expected.shape
    assert torch.equal(got, expected)
    assert torch.equal(got_grad, expected_grad)


def test_max_pool_2x2_without_grad_and_with_nan():
    x = torch.randn(2, 3, 8, 8)
    x[0, 1, 2, 3] = float("nan")
    with torch.inference_mode():
        got = max_pool_2x2(x)
    expected = F.max_pool2d(x, 2, 2)
    assert torch.isnan(got[0, 1, 1, 1])
    assert torch.equal(got.nan_to_num(), expected.nan_to_num())
    assert torch.isnan(got).sum() == torch.isnan(expected).sum() == 1


def test_max_pool_2x2_refuses_what_max_pool2d_refuses():
    with pytest.raises(RuntimeError):
        F.max_pool2d(torch.zeros(1, 1, 3, 1), 2, 2)
    with pytest.raises(RuntimeError):
        max_pool_2x2(torch.zeros(1, 1, 3, 1))


def _flat_images(batch: int) -> torch.Tensor:
    """Images in [-1, 1] made of flat rectangles, like the shapes set: neighbouring conv outputs tie."""
    generator = torch.Generator().manual_seed(7)
    coarse = torch.randint(0, 256, (batch, 3, 4, 4), generator=generator).float()
    images = coarse.repeat_interleave(8, dim=2).repeat_interleave(8, dim=3)
    return images / 127.5 - 1


@pytest.mark.parametrize("inputs", ["random", "flat"])
def test_fast_net_is_the_article_net(inputs):
    torch.manual_seed(0)
    net = Net()
    fast = FastNet()
    fast.load_state_dict(net.state_dict())
    x = torch.rand(16, 3, 32, 32) * 2 - 1 if inputs == "random" else _flat_images(16)
    target = torch.arange(16) % 10

    outputs = []
    grads = []
    for model in (net, fast):
        model.zero_grad(set_to_none=True)
        logits = model(x)
        F.cross_entropy(logits, target).backward()
        outputs.append(logits.detach())
        grads.append({name: p.grad for name, p in model.named_parameters()})

    assert torch.equal(outputs[0], outputs[1])
    assert grads[0].keys() == grads[1].keys()
    for name in grads[0]:
        assert torch.equal(grads[0][name], grads[1][name]), name


def test_fast_net_draws_the_same_initial_parameters_as_net():
    torch.manual_seed(3)
    net_state = Net().state_dict()
    torch.manual_seed(3)
    fast_state = FastNet().state_dict()
    assert net_state.keys() == fast_state.keys()
    assert all(torch.equal(net_state[k], fast_state[k]) for k in net_state)
